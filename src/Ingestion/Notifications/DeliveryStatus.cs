namespace HistoryGraph.Ingestion.Notifications;

/// Where one notification stands.
public enum DeliveryStatus
{
    /// Waiting for its first attempt.
    Pending,
    /// An attempt failed; it is tried again at its next attempt time.
    AwaitingRetry,
    /// The receiver accepted it.
    Delivered,
    /// An attempt failed in a way that retrying cannot mend; not tried again.
    Failed,
    /// Every attempt allowed failed.
    RetryLimitReached,
    /// Not sent: a digest of a period without changes, whose schedule does not ask for those.
    Skipped,
}
