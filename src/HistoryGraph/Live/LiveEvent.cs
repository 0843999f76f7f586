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

    /// This event's results, shared by the subscribers with the same selection.
    public SharedResults Results { get; } = new();

    public long Sequence => Event.Sequence;

    /// About how much memory the event holds: its text (two bytes a character), its payload
    /// as held (compressed) and a fixed share for the objects. What bounds the feed's window in bytes.
    public long ApproximateBytes => _bytes ??= 1024 + Event.Payload.Length + 2L * (
        FieldChanges.Sum(f => (long)f.Path.Length + (f.OldValue?.Length ?? 0) + (f.NewValue?.Length ?? 0) + 200)
        + (Entity?.Description?.Length ?? 0) + (Entity?.Owners?.Length ?? 0) + (Entity?.Tags?.Length ?? 0));

    private long? _bytes;

    /// The related rows as tables, for nested filters (`entity: {...}`, `user: {...}`,
    /// `fieldChanges: {...}`) evaluated in memory.
    public IEnumerable<TrackedEntity> Entities => Entity is null ? [] : [Entity];

    public IEnumerable<Actor> Users => User is null ? [] : [User];

    public IEnumerable<ChangeEvent> Events => [Event];
}
