using HistoryGraph.Conventions.Filtering;
using HistoryGraph.Ingestion.OpenMetadata;
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

    public static async Task<IReadOnlyList<UserCount>> TopUsersAsync(HistoryDbContext db, DateTime from, DateTime to, int first, bool excludeBots,
        CancellationToken cancellationToken)
    {
        var events = db.ChangeEvents.AsNoTracking().Where(e => e.Timestamp >= from && e.Timestamp < to && e.UserName != null);
        if (excludeBots)
            events = events.Where(e => !db.Actors.Any(a => a.Name == e.UserName && a.IsBot));
        var counts = await events.GroupBy(e => e.UserName!)
            .Select(g => new { Name = g.Key, Count = g.LongCount() })
            .OrderByDescending(c => c.Count).ThenBy(c => c.Name)
            .Take(first)
            .ToListAsync(cancellationToken);
        return counts.Select(c => new UserCount(c.Name, c.Count)).ToList();
    }
}
