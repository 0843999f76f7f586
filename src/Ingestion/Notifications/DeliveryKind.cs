namespace HistoryGraph.Ingestion.Notifications;

/// What a notification says.
public enum DeliveryKind
{
    /// One change event.
    Event,
    /// A report over a period.
    Digest,
    /// A test message asked for by an admin.
    Test,
    /// A signed checkpoint of the transparency log.
    Checkpoint,
}
