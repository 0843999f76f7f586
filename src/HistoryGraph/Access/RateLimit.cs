namespace HistoryGraph.Access;

/// One kind of caller's request rate: a token bucket of Burst requests, refilled at
/// PermitsPerMinute. PermitsPerMinute 0: no limit.
public sealed class RateLimit
{
    public int PermitsPerMinute { get; set; }
    public int Burst { get; set; }
}
