namespace HistoryGraph.Ingestion.OpenMetadata;

/// A ChangeEvent as OpenMetadata sent it, read leniently. Payload is the event's own JSON,
/// byte for byte and packed as the store keeps it (PayloadCodec), so that nothing OpenMetadata
/// sent (including fields unknown today) is lost; it is packed by the request that brought it,
/// not by the one writer. RawLength is its length unpacked.
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
    byte[] Payload,
    int RawLength)
{
    /// The version this event leaves the entity at: the snapshot is the truth, the event's
    /// currentVersion the fallback.
    public decimal? Version => Entity?.Version ?? CurrentVersion;

    /// The snapshot's name first: after a rename it is the new one.
    public string? Fqn => Entity?.Fqn ?? EntityFqn;
}
