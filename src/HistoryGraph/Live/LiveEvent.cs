using System.Collections.Concurrent;
using GraphQL;
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

    /// Different selections whose results are kept for sharing; further ones compute their own.
    private const int MaxSharedResults = 64;
    private ConcurrentDictionary<string, Lazy<Task<ExecutionResult>>>? _results;

    public long Sequence => Event.Sequence;

    /// About how much memory the event holds: its text (two bytes a character), its payload
    /// as held (compressed) and a fixed share for the objects. What bounds the feed's window in bytes.
    public long ApproximateBytes => _bytes ??= 1024 + Event.Payload.Length + 2L * (
        FieldChanges.Sum(f => (long)f.Path.Length + (f.OldValue?.Length ?? 0) + (f.NewValue?.Length ?? 0) + 200)
        + (Entity?.Description?.Length ?? 0) + (Entity?.Owners?.Length ?? 0) + (Entity?.Tags?.Length ?? 0));

    private long? _bytes;

    /// The result of a selection on this event, computed once for all the subscribers that
    /// share its key (same document, variables and user): a thousand dashboards with the same
    /// subscription cost one execution and one serialization per event, not a thousand.
    public Task<ExecutionResult> ResultAsync(string key, Func<Task<ExecutionResult>> compute)
    {
        var results = LazyInitializer.EnsureInitialized(ref _results, () => new ConcurrentDictionary<string, Lazy<Task<ExecutionResult>>>(StringComparer.Ordinal));
        if (results.TryGetValue(key, out var known))
            return known.Value;
        if (results.Count >= MaxSharedResults)
            return compute();
        return results.GetOrAdd(key, _ => new Lazy<Task<ExecutionResult>>(compute)).Value;
    }

    /// The related entity as a table of zero or one row, for nested `entity: {...}` filters
    /// evaluated in memory.
    public IEnumerable<TrackedEntity> Entities => Entity is null ? [] : [Entity];
}
