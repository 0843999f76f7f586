namespace HistoryGraph.Ingestion.OpenMetadata;

/// How a webhook request carries its events.
public enum DeliveryShape
{
    /// Current releases: one ChangeEvent object per request.
    SingleEvent,
    /// 0.x to 1.2: `{"data": [ChangeEvent, ...], "paging": {...}}`.
    Batch,
    /// The "Test Connection" button: `{"message": "..."}`.
    TestMessage,
    /// Signed correctly but not understood: stored verbatim as a rejected delivery.
    Unreadable,
}
