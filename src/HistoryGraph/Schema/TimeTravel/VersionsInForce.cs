using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.TimeTravel;

/// The versions in force at an instant, one per entity, as SQL: a version made by then with no
/// higher version of its entity made by then, of an entity not hard-deleted by then. A version
/// in force carries the entity's lifecycle as it was (a soft delete or restore makes a version).
/// Each test is an index probe (the versions' key, the deletions' entity index), so a page walks
/// its order's index and checks the rows it passes.
public static class VersionsInForce
{
    public static IQueryable<EntityVersion> At(HistoryDbContext db, Instant instant)
    {
        if (instant.At is { } at)
        {
            return db.EntityVersions.Where(v => v.ChangedAt <= at
                && !db.EntityVersions.Any(later => later.EntityId == v.EntityId && later.Version > v.Version && later.ChangedAt <= at)
                && !db.Deletions.Any(d => d.EntityId == v.EntityId && d.Kind == DeletionKind.Hard && d.DeletedAt <= at));
        }
        var sequence = instant.Sequence!.Value;
        return db.EntityVersions.Where(v => v.EventSequence <= sequence
            && !db.EntityVersions.Any(later => later.EntityId == v.EntityId && later.Version > v.Version && later.EventSequence <= sequence)
            && !db.Deletions.Any(d => d.EntityId == v.EntityId && d.Kind == DeletionKind.Hard && d.EventSequence <= sequence));
    }
}
