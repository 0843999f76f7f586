using GraphQL.Types;
using HistoryGraph.Ingestion.Notifications;

namespace HistoryGraph.Schema.Notifications;

public sealed class NotificationStatusGraphType : EnumerationGraphType<NotificationStatus>
{
    public NotificationStatusGraphType()
    {
        Name = "NotificationStatus";
        Description = "A target's health, after OpenMetadata's event subscription status (active, awaitingRetry, failed, retryLimitReached, disabled).";
        Values["ACTIVE"]!.Description = "Enabled, and its last attempt (if any) succeeded.";
        Values["AWAITING_RETRY"]!.Description = "Its last attempt failed in a way that may pass (a timeout, 408, 429, 5xx, no connection); the same message is tried again at `failureDetails.nextAttempt`, and the target sends nothing else before, so that its messages arrive in order.";
        Values["FAILED"]!.Description = "Its last attempt failed in a way that retrying cannot mend (another 4xx, a refused address, a redirect not followed); that message is given up, the next ones are sent.";
        Values["RETRY_LIMIT_REACHED"]!.Description = "A message failed on every attempt allowed (Notifications:MaxAttempts) and was given up; the next ones are sent.";
        Values["DISABLED"]!.Description = "Switched off, by an admin or after Notifications:DisableAfterFailures failed attempts in a row (`disabledReason` says which).";
    }
}
