using HistoryGraph.Diffs;
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

    public BatchLoader<Guid, NotificationTarget> NotificationTargets { get; } = new(async (ids, ct) =>
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.NotificationTargets.AsNoTracking().Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
    });

    /// The field changes of each event, in their original order (empty for an event without).
    public BatchLoader<long, IReadOnlyList<FieldChange>> FieldChangesOfEvents { get; } = new(async (sequences, ct) =>
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var byEvent = await RelatedRows.FieldChangesByEventAsync(db, sequences, ct);
        return sequences.ToDictionary(s => s, s => byEvent.GetValueOrDefault(s) ?? []);
    });

    /// Snapshots by the sequence of the event that carried them; only the payloads a query shows are read.
    // Made on first use, as it reads _knownPayloads (a field initializer cannot); one per request
    // all the same, so that every parent's snapshot joins one batch.
    public BatchLoader<long, string> Snapshots => LazyInitializer.EnsureInitialized(ref _snapshots, () => new(async (sequences, ct) =>
    {
        var snapshots = StoredSnapshots.Unpacked(codec, sequences.Where(_knownPayloads.ContainsKey).Select(s => (s, _knownPayloads[s])));
        var missing = sequences.Where(s => !_knownPayloads.ContainsKey(s)).ToList();
        if (missing.Count > 0)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            foreach (var (sequence, snapshot) in await StoredSnapshots.LoadAsync(db, codec, missing, ct))
                snapshots[sequence] = snapshot;
        }
        return snapshots;
    }));

    private BatchLoader<long, string>? _snapshots;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, byte[]> _knownPayloads = new();

    /// A payload already at hand (a live event's own): its snapshot is then read from it,
    /// not from the database, and only if the selection shows it.
    public void KnowPayload(long sequence, byte[] payload) => _knownPayloads[sequence] = payload;

    /// Each version's diff from the version before it (none for an entity's first version): the
    /// versions of the entities asked about and the snapshots of both sides, in two queries.
    public BatchLoader<(Guid EntityId, decimal Version), EntityDiff> DiffsFromPrevious { get; } = new(async (keys, ct) =>
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var ids = keys.Select(k => k.EntityId).Distinct().ToList();
        var versions = (await db.EntityVersions.AsNoTracking().Where(v => ids.Contains(v.EntityId)).ToListAsync(ct))
            .ToLookup(v => v.EntityId);
        var pairs = keys.Select(key =>
        {
            var ofEntity = versions[key.EntityId];
            return (Key: key, To: ofEntity.FirstOrDefault(v => v.Version == key.Version),
                From: ofEntity.Where(v => v.Version < key.Version).MaxBy(v => v.Version));
        }).Where(p => p.To is not null && p.From is not null).ToList();
        var snapshots = await StoredSnapshots.LoadAsync(db, codec, pairs.SelectMany(p => new[] { p.From!.EventSequence, p.To!.EventSequence }).Distinct().ToList(), ct);
        return pairs.Where(p => snapshots.ContainsKey(p.From!.EventSequence) && snapshots.ContainsKey(p.To!.EventSequence))
            .ToDictionary(p => p.Key, p => EntityDiffs.Compare(p.From!, snapshots[p.From!.EventSequence], p.To!, snapshots[p.To!.EventSequence]));
    });

    /// The latest deletion of each entity.
    public BatchLoader<Guid, Deletion> LatestDeletions { get; } = new(async (ids, ct) =>
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Deletions.AsNoTracking().Where(d => ids.Contains(d.EntityId)).ToListAsync(ct);
        return rows.GroupBy(d => d.EntityId).ToDictionary(g => g.Key, g => g.MaxBy(d => d.DeletedAt)!);
    });
}
