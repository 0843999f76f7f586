using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Ingestion.OpenMetadata;

/// A ChangeEvent as OpenMetadata sent it, read leniently. Columns are the stored event's own
/// columns as the parser read them (the writer adds its sequence, time of receipt and what it
/// derives), so that a field OpenMetadata sends is read in one place and stored with no mapping
/// of its own. Its Payload is the event's own JSON, byte for byte and packed as the store keeps
/// it (PayloadCodec), so that nothing OpenMetadata sent (including fields unknown today) is lost;
/// it is packed by the request that brought it, not by the one writer. RawLength is its length unpacked
/// and RawHash its SHA-256, which its leaf in the transparency log covers (EventLeaf).
public sealed record ChangeEventMessage(
    ChangeEvent Columns,
    bool HasChangeDescription,
    IReadOnlyList<FieldChangeMessage> FieldChanges,
    EntitySnapshot? Entity,
    int RawLength,
    byte[] RawHash)
{
    public string EventKey => Columns.EventKey;
    public Guid? EventId => Columns.EventId;
    public string EventType => Columns.EventType;
    public string EntityType => Columns.EntityType;
    public Guid EntityId => Columns.EntityId;
    public string? EntityFqn => Columns.EntityFqn;
    public string? UserName => Columns.UserName;
    public string? ImpersonatedBy => Columns.ImpersonatedBy;
    public DateTime Timestamp => Columns.Timestamp;
    public decimal? PreviousVersion => Columns.PreviousVersion;
    public decimal? CurrentVersion => Columns.CurrentVersion;
    public byte[] Payload => Columns.Payload;

    /// The version this event leaves the entity at: the snapshot is the truth, the event's
    /// currentVersion the fallback.
    public decimal? Version => Entity?.Version ?? CurrentVersion;

    /// The snapshot's name first: after a rename it is the new one.
    public string? Fqn => Entity?.Fqn ?? EntityFqn;
}
