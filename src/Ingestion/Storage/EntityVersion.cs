namespace HistoryGraph.Ingestion.Storage;

/// The full snapshot of an entity at one version: the state as the version was created
/// (later same-version events, such as follower changes, do not rewrite it).
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
