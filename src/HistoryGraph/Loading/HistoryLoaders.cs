using HistoryGraph.Ingestion.Storage;
using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.Loading;

/// The batch loaders of one request (a scoped service): references between types, each loaded
/// with one query per level of the GraphQL query.
public sealed class HistoryLoaders(IDbContextFactory<HistoryDbContext> contexts)
{
    public BatchLoader<Guid, TrackedEntity> Entities { get; } = new(async (ids, ct) =>
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Entities.AsNoTracking().Where(e => ids.Contains(e.EntityId)).ToDictionaryAsync(e => e.EntityId, ct);
    });

    public BatchLoader<string, Actor> Users { get; } = new(async (names, ct) =>
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Actors.AsNoTracking().Where(a => names.Contains(a.Name)).ToDictionaryAsync(a => a.Name, StringComparer.Ordinal, ct);
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
        var rows = await db.FieldChanges.AsNoTracking().Where(f => sequences.Contains(f.EventSequence)).OrderBy(f => f.EventSequence).ThenBy(f => f.Ordinal).ToListAsync(ct);
        var byEvent = rows.GroupBy(f => f.EventSequence).ToDictionary(g => g.Key, g => (IReadOnlyList<FieldChange>)g.ToList());
        return sequences.ToDictionary(s => s, s => byEvent.GetValueOrDefault(s) ?? []);
    });

    /// The latest deletion of each entity.
    public BatchLoader<Guid, Deletion> LatestDeletions { get; } = new(async (ids, ct) =>
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Deletions.AsNoTracking().Where(d => ids.Contains(d.EntityId)).ToListAsync(ct);
        return rows.GroupBy(d => d.EntityId).ToDictionary(g => g.Key, g => g.MaxBy(d => d.DeletedAt)!);
    });
}
