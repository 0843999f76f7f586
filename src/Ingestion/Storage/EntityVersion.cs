namespace HistoryGraph.Ingestion.Storage;

/// The full snapshot of an entity at one version. When OpenMetadata sends several events for
/// one version (edits merged within a session), the latest snapshot is kept; events without
/// a snapshot (follower changes) and hard deletes do not rewrite it.
public sealed class EntityVersion
{
    public Guid EntityId { get; set; }
    public decimal Version { get; set; }
    public required string EntityType { get; set; }
    public string? Fqn { get; set; }
    public required string Snapshot { get; set; }
    public DateTime ChangedAt { get; set; }
    public string? ChangedBy { get; set; }
    public required string EventType { get; set; }
    public long EventSequence { get; set; }
}
