using System.Globalization;
using GraphQL;
using HistoryGraph.Diffs;
using HistoryGraph.Ingestion.Payloads;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Loading;
using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.Schema.Diffs;

/// Finds the two versions a comparison names and diffs their snapshots.
public static class EntityComparison
{
    /// The entity's id from an id or a fully qualified name: the entity that has the name now
    /// (one not hard-deleted first), else the one whose latest version had it.
    public static async Task<Guid> EntityIdAsync(HistoryDbContext db, Guid? entityId, string? fqn, CancellationToken cancellationToken)
    {
        if ((entityId is null) == (fqn is null))
            throw new ExecutionError("Give the entity's id or its fqn, one of them.") { Code = entityId is null ? "ARGUMENT_MISSING" : "INVALID_ARGUMENT" };
        if (entityId is { } id)
            return await db.Entities.AnyAsync(e => e.EntityId == id, cancellationToken) ? id : throw NotFound($"No entity has the id {id}.");
        var current = await db.Entities.AsNoTracking().Where(e => e.Fqn == fqn).NowNamed()
            .Select(e => (Guid?)e.EntityId).FirstOrDefaultAsync(cancellationToken);
        return current
            ?? await db.EntityVersions.AsNoTracking().Where(v => v.Fqn == fqn).OrderByDescending(v => v.ChangedAt)
                .Select(v => (Guid?)v.EntityId).FirstOrDefaultAsync(cancellationToken)
            ?? throw NotFound($"No entity has or had the fqn '{fqn}'.");
    }

    /// The version given by number, or the one in force at a time (the highest version made at
    /// or before it), or with neither the latest.
    public static async Task<EntityVersion> VersionAsync(HistoryDbContext db, Guid entityId, decimal? version, DateTime? at, string side, CancellationToken cancellationToken)
    {
        var versions = db.EntityVersions.AsNoTracking().Where(v => v.EntityId == entityId);
        if (version is { } number)
        {
            return await versions.FirstOrDefaultAsync(v => v.Version == number, cancellationToken)
                ?? throw await VersionNotFoundAsync(versions, $"Entity {entityId} has no version {number.ToString(CultureInfo.InvariantCulture)} ({side})", cancellationToken);
        }
        if (at is { } time)
        {
            var utc = time.ToUniversalTime();
            return await versions.Where(v => v.ChangedAt <= utc).OrderByDescending(v => v.Version).FirstOrDefaultAsync(cancellationToken)
                ?? throw await VersionNotFoundAsync(versions, $"Entity {entityId} had no version yet at {utc:O} ({side})", cancellationToken);
        }
        return await versions.OrderByDescending(v => v.Version).FirstOrDefaultAsync(cancellationToken)
            ?? throw await VersionNotFoundAsync(versions, $"Entity {entityId} has no stored version", cancellationToken);
    }

    public static async Task<EntityDiff> CompareAsync(HistoryDbContext db, PayloadCodec codec, EntityVersion from, EntityVersion to, CancellationToken cancellationToken)
    {
        var snapshots = await StoredSnapshots.LoadAsync(db, codec, [from.EventSequence, to.EventSequence], cancellationToken);
        return EntityDiffs.Compare(from, snapshots[from.EventSequence], to, snapshots[to.EventSequence]);
    }

    private static ExecutionError NotFound(string message) => new(message) { Code = "ENTITY_NOT_FOUND" };

    private static async Task<ExecutionError> VersionNotFoundAsync(IQueryable<EntityVersion> versions, string message, CancellationToken cancellationToken)
    {
        // Ordered reads, not Min and Max: SQLite stores versions as doubles that EF Core cannot aggregate as decimals.
        var count = await versions.CountAsync(cancellationToken);
        var known = "it has no stored versions";
        if (count > 0)
        {
            var first = await versions.OrderBy(v => v.Version).Select(v => v.Version).FirstAsync(cancellationToken);
            var last = await versions.OrderByDescending(v => v.Version).Select(v => v.Version).FirstAsync(cancellationToken);
            known = $"it has {count} stored version{(count == 1 ? "" : "s")}, {first.ToString(CultureInfo.InvariantCulture)} to {last.ToString(CultureInfo.InvariantCulture)}";
        }
        return new ExecutionError($"{message}: {known}.") { Code = "VERSION_NOT_FOUND" };
    }
}
