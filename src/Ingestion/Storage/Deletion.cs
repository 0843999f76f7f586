namespace HistoryGraph.Ingestion.Storage;

/// A soft or hard delete, keyed by the deleting event, pointing at the last known snapshot.
/// A restore closes a soft deletion.
public sealed class Deletion
{
    public long EventSequence { get; set; }
    public Guid EntityId { get; set; }
    public required string EntityType { get; set; }
    public string? Fqn { get; set; }
    public DeletionKind Kind { get; set; }
    public DateTime DeletedAt { get; set; }
    public string? DeletedBy { get; set; }
    public decimal? Version { get; set; }
    /// The event whose `entity` is the last snapshot before the delete: the deleting event
    /// itself when it carried one.
    public long? SnapshotEventSequence { get; set; }
    public DateTime? RestoredAt { get; set; }
    public string? RestoredBy { get; set; }
    public long? RestoreEventSequence { get; set; }
}
