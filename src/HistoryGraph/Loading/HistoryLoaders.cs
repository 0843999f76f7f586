using HistoryGraph.Ingestion.OpenMetadata;
using HistoryGraph.Ingestion.Payloads;
using HistoryGraph.Ingestion.Storage;
using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.Loading;

/// The batch loaders of one request (a scoped service): references between types, each loaded
/// with one query per level of the GraphQL query.
public sealed class HistoryLoaders(IDbContextFactory<HistoryDbContext> contexts, PayloadCodec codec)
{
    public BatchLoader<Guid, TrackedEntity> Entities { get; } = new(async (ids, ct) =>
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await RelatedRows.EntitiesAsync(db, ids, ct);
    });

    public BatchLoader<string, Actor> Users { get; } = new(async (names, ct) =>
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await RelatedRows.UsersAsync(db, names, ct);
    });

    public BatchLoader<long, ChangeEvent> Events { get; } = new(async (sequences, ct) =>
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.ChangeEvents.AsNoTracking().Where(e => sequences.Contains(e.Sequence)).ToDictionaryAsync(e => e.Sequence, ct);
    });

    /// The field changes of each event, in their original order (empty for an event without).
    public BatchLoader<long, IReadOnlyList<FieldChange>> FieldChangesOfEvents { get; } = new(async (sequences, ct) =>
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var byEvent = await RelatedRows.FieldChangesByEventAsync(db, sequences, ct);
        return sequences.ToDictionary(s => s, s => byEvent.GetValueOrDefault(s) ?? []);
    });

    /// Snapshots by the sequence of the event that carried them: the store keeps each one once,
    /// inside that event's payload, and only the payloads a query shows are read.
    // Made on first use, as it reads _knownPayloads (a field initializer cannot); one per request
    // all the same, so that every parent's snapshot joins one batch.
    public BatchLoader<long, string> Snapshots => LazyInitializer.EnsureInitialized(ref _snapshots, () => new(async (sequences, ct) =>
    {
        var payloads = sequences.Where(_knownPayloads.ContainsKey).ToDictionary(s => s, s => _knownPayloads[s]);
        var missing = sequences.Where(s => !payloads.ContainsKey(s)).ToList();
        if (missing.Count > 0)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            foreach (var row in await db.ChangeEvents.AsNoTracking().Where(e => missing.Contains(e.Sequence)).Select(e => new { e.Sequence, e.Payload }).ToListAsync(ct))
                payloads[row.Sequence] = row.Payload;
        }
        return payloads.Select(p => (p.Key, Snapshot: EventPayload.Snapshot(codec.Unpack(p.Value))))
            .Where(p => p.Snapshot is not null).ToDictionary(p => p.Key, p => p.Snapshot!);
    }));

    private BatchLoader<long, string>? _snapshots;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, byte[]> _knownPayloads = new();

    /// A payload already at hand (a live event's own): its snapshot is then read from it,
    /// not from the database, and only if the selection shows it.
    public void KnowPayload(long sequence, byte[] payload) => _knownPayloads[sequence] = payload;

    /// The latest deletion of each entity.
    public BatchLoader<Guid, Deletion> LatestDeletions { get; } = new(async (ids, ct) =>
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Deletions.AsNoTracking().Where(d => ids.Contains(d.EntityId)).ToListAsync(ct);
        return rows.GroupBy(d => d.EntityId).ToDictionary(g => g.Key, g => g.MaxBy(d => d.DeletedAt)!);
    });
}
