namespace HistoryGraph.Ingestion.Storage;

/// One version of an entity. Its full snapshot is the `entity` of the event at EventSequence,
/// kept once, in that event's payload. When OpenMetadata sends several events for one version
/// (edits merged within a session), the version points at the latest of them; events without
/// a snapshot (follower changes) and hard deletes do not move it.
public sealed class EntityVersion
{
    public Guid EntityId { get; set; }
    public decimal Version { get; set; }
    public required string EntityType { get; set; }
    public string? Fqn { get; set; }
    public DateTime ChangedAt { get; set; }
    public string? ChangedBy { get; set; }
    /// The bot or AI agent that made this version on ChangedBy's behalf; null when they made it themselves.
    public string? ImpersonatedBy { get; set; }
    public required string EventType { get; set; }
    public long EventSequence { get; set; }
    /// The semantic step of the event that made this version.
    public SemanticChange SemanticChange { get; set; }
    /// Whether the entity was active, soft-deleted or hard-deleted from this version on.
    public Lifecycle Lifecycle { get; set; }
}
