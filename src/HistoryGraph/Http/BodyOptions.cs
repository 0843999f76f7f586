namespace HistoryGraph.Http;

/// How much memory request bodies may hold at once and how long they may take to arrive
/// (section "Server", beside the process's memory settings in ServerOptions).
public sealed class BodyOptions
{
    public const string Section = "Server";

    /// Large request bodies (webhook deliveries, GraphQL documents) held in memory at once;
    /// further ones wait for a slot (503 SERVER_BUSY when none comes free in time).
    public int MaxConcurrentLargeBodies { get; set; } = 8;

    /// A body of at least this many bytes (or of unknown length) is large.
    public long LargeBodyBytes { get; set; } = 64 * 1024;

    /// A body must arrive within this time (408 BODY_TOO_SLOW), waiting for a slot included.
    public double BodyReadTimeoutSeconds { get; set; } = 30;
}
