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

    /// The latest deletion of each entity.
    public BatchLoader<Guid, Deletion> LatestDeletions { get; } = new(async (ids, ct) =>
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Deletions.AsNoTracking().Where(d => ids.Contains(d.EntityId)).ToListAsync(ct);
        return rows.GroupBy(d => d.EntityId).ToDictionary(g => g.Key, g => g.MaxBy(d => d.DeletedAt)!);
    });
}
