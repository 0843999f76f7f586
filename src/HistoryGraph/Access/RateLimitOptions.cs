namespace HistoryGraph.Access;

/// Request rates (section "Auth:RateLimits"), per key or token for callers that present one and
/// per address for those that do not. Webhook deliveries are not limited: OpenMetadata drops
/// what it cannot deliver after its retries, and a limit would turn a burst of changes into lost
/// history.
public sealed class RateLimitOptions
{
    public const string Section = "Auth:RateLimits";

    public RateLimit Anonymous { get; set; } = new() { PermitsPerMinute = 1_200, Burst = 200 };
    public RateLimit Reader { get; set; } = new() { PermitsPerMinute = 6_000, Burst = 1_000 };
    public RateLimit Admin { get; set; } = new() { PermitsPerMinute = 0, Burst = 0 };

    /// Refused credentials per address: past it, a request that presents any is answered 429
    /// before its key is looked up, so that guessing keys costs the store nothing.
    public RateLimit Failures { get; set; } = new() { PermitsPerMinute = 60, Burst = 30 };
}
