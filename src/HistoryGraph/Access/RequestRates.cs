using System.Threading.RateLimiting;
using HistoryGraph.Ingestion.Storage;
using Microsoft.Extensions.Options;

namespace HistoryGraph.Access;

/// The request rate of each caller, with .NET's partitioned rate limiter (the one ASP.NET Core's
/// rate limiting middleware uses): one token bucket per key or token, one per address for
/// anonymous callers. It is asked after authentication (AccessControl), not by the middleware,
/// whose partition must be known before a key can be looked up.
public sealed class RequestRates(IOptions<RateLimitOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<(RateLimit Limit, string Key)> _limiter = PartitionedRateLimiter.Create<(RateLimit Limit, string Key), (RateLimit, string)>(
        resource => resource.Limit.PermitsPerMinute <= 0
            ? RateLimitPartition.GetNoLimiter(resource)
            : RateLimitPartition.GetTokenBucketLimiter(resource, key => Bucket(key.Item1)));

    /// A token every 60 s / PermitsPerMinute, given in periods of at least 100 ms (a timer per
    /// bucket firing more often would cost more than it limits).
    private static TokenBucketRateLimiterOptions Bucket(RateLimit limit)
    {
        var period = TimeSpan.FromMilliseconds(Math.Max(100, 60_000.0 / limit.PermitsPerMinute));
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, limit.Burst),
            TokensPerPeriod = Math.Max(1, (int)Math.Round(limit.PermitsPerMinute * period.TotalMinutes)),
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }

    /// Null when the caller may make this request now, else how long to wait.
    public TimeSpan? Refusal(Caller caller, HttpContext http)
    {
        var settings = options.Value;
        var (limit, key) = caller.IsAnonymous
            ? (settings.Anonymous, "address " + http.Connection.RemoteIpAddress)
            : (caller.May(AccessRole.Admin) ? settings.Admin : settings.Reader, caller.Name);
        if (limit.PermitsPerMinute <= 0)
            return null;
        using var lease = _limiter.AttemptAcquire((limit, key));
        if (lease.IsAcquired)
            return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
    }

    /// How long to wait when the address has used up its refused credentials, else null.
    public TimeSpan? FailuresExhausted(HttpContext http)
    {
        var failures = options.Value.Failures;
        if (failures.PermitsPerMinute <= 0)
            return null;
        var statistics = _limiter.GetStatistics(FailuresOf(http));
        return statistics is { CurrentAvailablePermits: <= 0 } ? TimeSpan.FromSeconds(Math.Ceiling(60.0 / failures.PermitsPerMinute)) : null;
    }

    /// Counts a refused credential against its address.
    public void ChargeFailure(HttpContext http)
    {
        if (options.Value.Failures.PermitsPerMinute > 0)
            _limiter.AttemptAcquire(FailuresOf(http)).Dispose();
    }

    private (RateLimit, string) FailuresOf(HttpContext http) => (options.Value.Failures, "failures from " + http.Connection.RemoteIpAddress);

    public void Dispose() => _limiter.Dispose();
}
