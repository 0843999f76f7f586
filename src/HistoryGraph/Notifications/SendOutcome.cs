namespace HistoryGraph.Notifications;

/// What one attempt came to: delivered, or failed in a way that may pass (Retryable, perhaps
/// with the receiver's Retry-After) or may not; the receiver's status and the start of its answer.
public sealed record SendOutcome(bool Delivered, bool Retryable, int? StatusCode, string? Excerpt, string? Error, TimeSpan? RetryAfter, double DurationMs)
{
    public static SendOutcome Permanent(string error, double durationMs = 0, int? statusCode = null, string? excerpt = null) =>
        new(false, false, statusCode, excerpt, error, null, durationMs);
}
