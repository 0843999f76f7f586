using HistoryGraph.Conventions.Filtering;
using HistoryGraph.Ingestion.OpenMetadata;
using HistoryGraph.Ingestion.Statistics;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Schema.Events;
using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.Statistics;

/// The most changed entities and the most active users of a time window, counted in SQL.
public static class RankedCounts
{
    public sealed record EntityCount(Guid EntityId, long Count);

    public sealed record UserCount(string Name, long Count);

    private static readonly string[] EntityEventTypes = [.. EventTypes.EntityEventTypes];

    public static async Task<IReadOnlyList<EntityCount>> TopEntitiesAsync(HistoryDbContext db, DateTime from, DateTime to, int first,
        IDictionary<string, object?>? where, CancellationToken cancellationToken)
    {
        var events = db.ChangeEvents.AsNoTracking().Where(e => e.Timestamp >= from && e.Timestamp < to && EntityEventTypes.Contains(e.EventType));
        if (FilterExpressions.Build(ChangeEventQueryable.Declaration, where, db.Tables()) is { } filter)
            events = events.Where(filter);
        var counts = await events.GroupBy(e => e.EntityId)
            .Select(g => new { EntityId = g.Key, Count = g.LongCount() })
            .OrderByDescending(c => c.Count).ThenBy(c => c.EntityId)
            .Take(first)
            .ToListAsync(cancellationToken);
        return counts.Select(c => new EntityCount(c.EntityId, c.Count)).ToList();
    }

    /// Who made a window's events: one row per user, agent and bot flag, with its count.
    /// Every ranking of users (any kind, bots excluded or not) is read from these rows, so a
    /// request that ranks people, bots and agents of one window reads its events once.
    public sealed record ActorCount(string? UserName, string? ImpersonatedBy, bool IsBot, long Count);

    public static async Task<IReadOnlyList<ActorCount>> ActorCountsAsync(HistoryDbContext db, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        var counts = await db.ChangeEvents.AsNoTracking()
            .Where(e => e.Timestamp >= from && e.Timestamp < to)
            .GroupBy(e => new { e.UserName, e.ImpersonatedBy })
            .Select(g => new { g.Key.UserName, g.Key.ImpersonatedBy, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        var names = counts.Select(c => c.UserName).OfType<string>().Distinct().ToList();
        var bots = (await db.Actors.AsNoTracking().Where(a => a.IsBot && names.Contains(a.Name)).Select(a => a.Name).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        return [.. counts.Select(c => new ActorCount(c.UserName, c.ImpersonatedBy, c.UserName is not null && bots.Contains(c.UserName), c.Count))];
    }

    /// Without a kind, every user by the events naming them (bots too unless excluded); with
    /// one, as ChangeCounting.ActorKindOf tells the kinds apart, an agent counted by the events
    /// it made for people.
    public static IReadOnlyList<UserCount> TopUsers(IReadOnlyList<ActorCount> actors, int first, bool excludeBots, ActorKind? kind)
    {
        var named = kind switch
        {
            ActorKind.Agent => actors.Where(a => a.ImpersonatedBy is not null).Select(a => (Name: a.ImpersonatedBy!, a.Count)),
            { } k => actors.Where(a => ChangeCounting.ActorKindOf(a.UserName, a.IsBot, a.ImpersonatedBy) == k).Select(a => (Name: a.UserName!, a.Count)),
            null => actors.Where(a => a.UserName is not null && !(excludeBots && a.IsBot)).Select(a => (Name: a.UserName!, a.Count)),
        };
        return [.. named.GroupBy(a => a.Name, StringComparer.Ordinal)
            .Select(g => new UserCount(g.Key, g.Sum(a => a.Count)))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Take(first)];
    }
}
