using HistoryGraph.Ingestion.Storage;
using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.Loading;

/// The look-ups shared by the batch loaders of a request and by the live feed: each is one
/// query, however many keys.
public static class RelatedRows
{
    /// The field changes of each event, in their original order.
    public static async Task<Dictionary<long, IReadOnlyList<FieldChange>>> FieldChangesByEventAsync(HistoryDbContext db, IReadOnlyCollection<long> sequences, CancellationToken cancellationToken)
    {
        if (sequences.Count == 0)
            return [];
        // A range condition as well as the list: the index on the event sequence narrows it first.
        var first = sequences.Min();
        var last = sequences.Max();
        var rows = await db.FieldChanges.AsNoTracking()
            .Where(f => f.EventSequence >= first && f.EventSequence <= last && sequences.Contains(f.EventSequence))
            .OrderBy(f => f.EventSequence).ThenBy(f => f.Ordinal)
            .ToListAsync(cancellationToken);
        return rows.GroupBy(f => f.EventSequence).ToDictionary(g => g.Key, g => (IReadOnlyList<FieldChange>)g.ToList());
    }

    public static Task<Dictionary<Guid, TrackedEntity>> EntitiesAsync(HistoryDbContext db, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        db.Entities.AsNoTracking().Where(e => ids.Contains(e.EntityId)).ToDictionaryAsync(e => e.EntityId, cancellationToken);

    public static async Task<Dictionary<string, Actor>> UsersAsync(HistoryDbContext db, IReadOnlyCollection<string> names, CancellationToken cancellationToken) =>
        names.Count == 0
            ? new Dictionary<string, Actor>(StringComparer.Ordinal)
            : await db.Actors.AsNoTracking().Where(a => names.Contains(a.Name)).ToDictionaryAsync(a => a.Name, StringComparer.Ordinal, cancellationToken);
}
