namespace HistoryGraph.Ingestion.Storage;

/// One ChangeEvent, kept with its raw JSON (compressed: PayloadCodec). Sequence is gap-free and increases in commit
/// order, so that a reader resuming "after N" never misses an event committed later.
public sealed class ChangeEvent
{
    public long Sequence { get; set; }
    public required string EventKey { get; set; }
    public Guid? EventId { get; set; }
    public required string EventType { get; set; }
    public required string EntityType { get; set; }
    public Guid EntityId { get; set; }
    public string? EntityFqn { get; set; }
    public string? UserName { get; set; }
    public string? ImpersonatedBy { get; set; }
    public DateTime Timestamp { get; set; }
    public DateTime ReceivedAt { get; set; }
    public decimal? PreviousVersion { get; set; }
    public decimal? CurrentVersion { get; set; }
    /// The most significant of the event's field changes (SemanticChangeClassifier.OfEvent).
    public SemanticChange SemanticChange { get; set; }
    /// Webhook, or a backfill from OpenMetadata's event log, or a version repaired from its
    /// version history.
    public EventOrigin Origin { get; set; }
    /// The event exactly as OpenMetadata sent it, packed by PayloadCodec. Entity snapshots
    /// are read from here (EventPayload.Snapshot), not stored again.
    public required byte[] Payload { get; set; }

    /// A row with the same columns: the writer stores a copy of the columns a message was read
    /// into, so that a message written again (a group that failed is written one by one) starts
    /// from what OpenMetadata sent.
    public ChangeEvent Copy() => (ChangeEvent)MemberwiseClone();
}
