using HistoryGraph.Ingestion.Storage;
using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.Live;

/// Reads committed events with their related rows: one query per kind of row, whatever the
/// number of events. Serves both the feed (every new event) and replays (`after:`).
public static class LiveEventReader
{
    public static async Task<List<LiveEvent>> ReadAsync(HistoryDbContext db, IQueryable<ChangeEvent> events, CancellationToken cancellationToken)
    {
        var rows = await events.AsNoTracking().ToListAsync(cancellationToken);
        if (rows.Count == 0)
            return [];
        var first = rows.Min(e => e.Sequence);
        var last = rows.Max(e => e.Sequence);
        var sequences = rows.Select(e => e.Sequence).ToList();
        // A range condition as well as the list: the index on sequence narrows it first.
        var changes = (await db.FieldChanges.AsNoTracking()
                .Where(f => f.EventSequence >= first && f.EventSequence <= last && sequences.Contains(f.EventSequence))
                .OrderBy(f => f.EventSequence).ThenBy(f => f.Ordinal)
                .ToListAsync(cancellationToken))
            .GroupBy(f => f.EventSequence).ToDictionary(g => g.Key, g => (IReadOnlyList<FieldChange>)g.ToList());
        var deletions = await db.Deletions.AsNoTracking()
            .Where(d => d.EventSequence >= first && d.EventSequence <= last && sequences.Contains(d.EventSequence))
            .ToDictionaryAsync(d => d.EventSequence, cancellationToken);
        var entityIds = rows.Select(e => e.EntityId).Distinct().ToList();
        var entities = await db.Entities.AsNoTracking().Where(e => entityIds.Contains(e.EntityId)).ToDictionaryAsync(e => e.EntityId, cancellationToken);
        var names = rows.Select(e => e.UserName).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var users = names.Count == 0
            ? []
            : await db.Actors.AsNoTracking().Where(a => names.Contains(a.Name)).ToDictionaryAsync(a => a.Name, StringComparer.Ordinal, cancellationToken);

        return rows.OrderBy(e => e.Sequence).Select(e => new LiveEvent
        {
            Event = e,
            FieldChanges = changes.GetValueOrDefault(e.Sequence) ?? [],
            Entity = entities.GetValueOrDefault(e.EntityId),
            User = e.UserName is { } name ? users.GetValueOrDefault(name) : null,
            Deletion = deletions.GetValueOrDefault(e.Sequence),
        }).ToList();
    }
}
