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

    /// Without a kind, every user by the events naming them (bots too unless excluded); with
    /// one, as ChangeCounting.ActorKindOf tells the kinds apart, an agent counted by the events
    /// it made for people.
    public static async Task<IReadOnlyList<UserCount>> TopUsersAsync(HistoryDbContext db, DateTime from, DateTime to, int first, bool excludeBots,
        ActorKind? kind, CancellationToken cancellationToken)
    {
        var events = db.ChangeEvents.AsNoTracking().Where(e => e.Timestamp >= from && e.Timestamp < to);
        var names = kind switch
        {
            ActorKind.Agent => events.Where(e => e.ImpersonatedBy != null).Select(e => e.ImpersonatedBy!),
            ActorKind.Bot => events.Where(e => e.ImpersonatedBy == null && e.UserName != null && e.UserName != ""
                && db.Actors.Any(a => a.Name == e.UserName && a.IsBot)).Select(e => e.UserName!),
            ActorKind.Human => events.Where(e => e.ImpersonatedBy == null && e.UserName != null && e.UserName != ""
                && !db.Actors.Any(a => a.Name == e.UserName && a.IsBot)).Select(e => e.UserName!),
            _ => (excludeBots ? events.Where(e => !db.Actors.Any(a => a.Name == e.UserName && a.IsBot)) : events)
                .Where(e => e.UserName != null).Select(e => e.UserName!),
        };
        var counts = await names.GroupBy(name => name)
            .Select(g => new { Name = g.Key, Count = g.LongCount() })
            .OrderByDescending(c => c.Count).ThenBy(c => c.Name)
            .Take(first)
            .ToListAsync(cancellationToken);
        return counts.Select(c => new UserCount(c.Name, c.Count)).ToList();
    }
}
