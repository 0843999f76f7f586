using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Live;

/// One committed event as the live feed holds it: the stored row with what subscribers'
/// filters and selections usually need (its field changes, the entity's current state, the
/// user, the deletion it caused). Read once per instance and shared by every subscriber, so
/// that the live path asks the database nothing per subscriber.
public sealed class LiveEvent
{
    public required ChangeEvent Event { get; init; }
    public required IReadOnlyList<FieldChange> FieldChanges { get; init; }
    public TrackedEntity? Entity { get; init; }
    public Actor? User { get; init; }
    public Deletion? Deletion { get; init; }

    public long Sequence => Event.Sequence;

    /// The related entity as a table of zero or one row, for nested `entity: {...}` filters
    /// evaluated in memory.
    public IEnumerable<TrackedEntity> Entities => Entity is null ? [] : [Entity];
}
