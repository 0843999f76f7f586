namespace HistoryGraph.Ingestion.Notifications;

/// A target's health, after OpenMetadata's event subscription status.
public enum NotificationStatus
{
    /// Enabled, and its last attempt (if any) succeeded.
    Active,
    /// Its last attempt failed in a way that may pass (a timeout, 408, 429, 5xx, a refused
    /// connection); the same message is tried again at `nextAttempt`.
    AwaitingRetry,
    /// Its last attempt failed in a way that retrying cannot mend (a 4xx other than 408 and 429,
    /// a redirect not followed, a refused address, a message the template could not make).
    Failed,
    /// A message failed on every attempt Notifications:MaxAttempts allows.
    RetryLimitReached,
    /// Switched off, by an admin or after Notifications:DisableAfterFailures failures in a row.
    Disabled,
}
