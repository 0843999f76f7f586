using HistoryGraph.Ingestion.Notifications;
using HistoryGraph.Ingestion.Storage;
using Polly.Contrib.WaitAndRetry;

namespace HistoryGraph.Notifications;

/// What an attempt's outcome does to the delivery and its target, after OpenMetadata's status
/// model: delivered (ACTIVE); failed and worth retrying (AWAITING_RETRY, the target paused
/// until the retry so that its messages keep their order); failed for good (FAILED) or out of
/// attempts (RETRY_LIMIT_REACHED), both letting the next message go; and a target failing too
/// often in a row DISABLED. The retry schedule is Polly's decorrelated-jitter exponential
/// backoff, seeded by the delivery, so that it is the same schedule whichever instance retries.
public static class DeliveryOutcomes
{
    public static void Apply(NotificationTarget target, NotificationDelivery delivery, SendOutcome outcome, DateTime now, NotificationOptions settings)
    {
        Record(delivery, outcome, now);
        target.LastAttemptAt = now;

        if (outcome.Delivered)
        {
            (target.Status, target.LastSuccessfulAt, target.ConsecutiveFailures, target.NextAttemptAt) = (NotificationStatus.Active, now, 0, null);
            return;
        }

        target.ConsecutiveFailures++;
        (target.LastFailedAt, target.LastFailedStatusCode, target.LastFailedReason) = (now, outcome.StatusCode, outcome.Error);
        if (outcome.Retryable && delivery.Attempts < Math.Max(1, settings.MaxAttempts))
        {
            var next = now + RetryDelay(delivery, outcome.RetryAfter, settings);
            (delivery.Status, delivery.NextAttemptAt) = (DeliveryStatus.AwaitingRetry, next);
            (target.Status, target.NextAttemptAt) = (NotificationStatus.AwaitingRetry, next);
        }
        else
        {
            delivery.Status = outcome.Retryable ? DeliveryStatus.RetryLimitReached : DeliveryStatus.Failed;
            (target.Status, target.NextAttemptAt) = (outcome.Retryable ? NotificationStatus.RetryLimitReached : NotificationStatus.Failed, null);
        }
        if (settings.DisableAfterFailures > 0 && target.ConsecutiveFailures >= settings.DisableAfterFailures)
        {
            target.Enabled = false;
            target.Status = NotificationStatus.Disabled;
            target.NextAttemptAt = null;
            target.DisabledReason = $"disabled after {target.ConsecutiveFailures} failed attempts in a row (Notifications:DisableAfterFailures); last: {outcome.Error}";
        }
    }

    /// The attempt in the delivery's log: when, what the receiver answered, how long it took;
    /// delivered when it was. What follows a failure is Apply's (the test message has none).
    public static void Record(NotificationDelivery delivery, SendOutcome outcome, DateTime now)
    {
        delivery.Attempts++;
        delivery.FirstAttemptAt ??= now;
        delivery.LastAttemptAt = now;
        delivery.ResponseStatusCode = outcome.StatusCode;
        delivery.ResponseExcerpt = outcome.Excerpt;
        delivery.Error = outcome.Error;
        delivery.DurationMs = Math.Round(outcome.DurationMs, 1);
        if (outcome.Delivered)
            (delivery.Status, delivery.DeliveredAt) = (DeliveryStatus.Delivered, now);
    }

    /// The wait before the next attempt: the receiver's Retry-After when it gave one, else the
    /// backoff for this attempt; never more than MaxRetrySeconds, never under a second.
    public static TimeSpan RetryDelay(NotificationDelivery delivery, TimeSpan? retryAfter, NotificationOptions settings)
    {
        var max = TimeSpan.FromSeconds(Math.Max(1, settings.MaxRetrySeconds));
        var delay = retryAfter ?? Backoff.DecorrelatedJitterBackoffV2(TimeSpan.FromSeconds(Math.Max(0.1, settings.FirstRetrySeconds)),
            retryCount: Math.Max(1, settings.MaxAttempts), seed: (int)(delivery.Id % int.MaxValue)).ElementAt(Math.Clamp(delivery.Attempts - 1, 0, Math.Max(1, settings.MaxAttempts) - 1));
        return delay < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : delay > max ? max : delay;
    }
}
