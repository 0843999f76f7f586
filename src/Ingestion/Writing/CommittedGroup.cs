using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Ingestion.Writing;

/// What one write transaction stored, as the writer held it when the commit succeeded: the
/// events (sequences FirstSequence to HighestSequence, none missing), their field changes and
/// deletions, and the state of every entity and actor they touched. This instance's live feed
/// publishes from it instead of reading the rows back.
public sealed record CommittedGroup(
    long FirstSequence,
    long HighestSequence,
    IReadOnlyList<ChangeEvent> Events,
    IReadOnlyList<FieldChange> FieldChanges,
    IReadOnlyList<Deletion> Deletions,
    IReadOnlyDictionary<Guid, TrackedEntity> Entities,
    IReadOnlyDictionary<string, Actor> Actors);
