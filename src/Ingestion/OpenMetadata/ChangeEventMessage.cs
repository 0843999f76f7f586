namespace HistoryGraph.Ingestion.OpenMetadata;

/// A ChangeEvent as OpenMetadata sent it, read leniently. RawJson is the event's own JSON text,
/// kept so that nothing OpenMetadata sent (including fields unknown today) is lost.
public sealed record ChangeEventMessage(
    string EventKey,
    Guid? EventId,
    string EventType,
    string EntityType,
    Guid EntityId,
    string? EntityFqn,
    string? UserName,
    string? ImpersonatedBy,
    DateTime Timestamp,
    decimal? PreviousVersion,
    decimal? CurrentVersion,
    bool HasChangeDescription,
    IReadOnlyList<FieldChangeMessage> FieldChanges,
    EntitySnapshot? Entity,
    string RawJson)
{
    /// The version this event leaves the entity at: the snapshot is the truth, the event's
    /// currentVersion the fallback.
    public decimal? Version => Entity?.Version ?? CurrentVersion;

    /// The snapshot's name first: after a rename it is the new one.
    public string? Fqn => Entity?.Fqn ?? EntityFqn;
}
