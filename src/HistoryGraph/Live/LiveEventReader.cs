using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Ingestion.Writing;
using HistoryGraph.Loading;
using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.Live;

/// Reads committed events with their related rows: one query per kind of row, whatever the
/// number of events. Serves both the feed (every new event) and replays (`after:`).
public static class LiveEventReader
{
    /// The live events of a group this instance committed, from the rows its writer held; null
    /// when something the store would give is not among them (an event about an entity the
    /// group did not load), so that the feed reads the group from the store instead.
    public static List<LiveEvent>? FromCommitted(CommittedGroup group)
    {
        if (group.Events.Any(e => !group.Entities.ContainsKey(e.EntityId)))
            return null;
        var changes = group.FieldChanges.GroupBy(f => f.EventSequence).ToDictionary(g => g.Key, g => (IReadOnlyList<FieldChange>)g.OrderBy(f => f.Ordinal).ToList());
        var deletions = group.Deletions.ToDictionary(d => d.EventSequence);
        return group.Events.OrderBy(e => e.Sequence).Select(e => new LiveEvent
        {
            Event = e,
            FieldChanges = changes.GetValueOrDefault(e.Sequence) ?? [],
            Entity = group.Entities[e.EntityId],
            User = e.UserName is { } name ? group.Actors.GetValueOrDefault(name) : null,
            Deletion = deletions.GetValueOrDefault(e.Sequence),
        }).ToList();
    }

    public static async Task<List<LiveEvent>> ReadAsync(HistoryDbContext db, IQueryable<ChangeEvent> events, CancellationToken cancellationToken)
    {
        var rows = await events.AsNoTracking().ToListAsync(cancellationToken);
        if (rows.Count == 0)
            return [];
        var sequences = rows.Select(e => e.Sequence).ToList();
        var first = sequences.Min();
        var last = sequences.Max();
        var changes = await RelatedRows.FieldChangesByEventAsync(db, sequences, cancellationToken);
        var deletions = await db.Deletions.AsNoTracking()
            .Where(d => d.EventSequence >= first && d.EventSequence <= last && sequences.Contains(d.EventSequence))
            .ToDictionaryAsync(d => d.EventSequence, cancellationToken);
        var entities = await RelatedRows.EntitiesAsync(db, rows.Select(e => e.EntityId).Distinct().ToList(), cancellationToken);
        var users = await RelatedRows.UsersAsync(db, rows.Select(e => e.UserName).OfType<string>().Distinct(StringComparer.Ordinal).ToList(), cancellationToken);

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
