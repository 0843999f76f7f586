namespace HistoryGraph.Hosting;

/// Limits of the process as a whole (section "Server"): how much memory request bodies may
/// hold at once, how long they may take to arrive, and when memory is given back.
public sealed class ServerOptions
{
    public const string Section = "Server";

    /// Large request bodies (webhook deliveries, GraphQL documents) held in memory at once;
    /// further ones wait for a slot (503 SERVER_BUSY when none comes free in time).
    public int MaxConcurrentLargeBodies { get; set; } = 8;

    /// A body of at least this many bytes (or of unknown length) is large.
    public long LargeBodyBytes { get; set; } = 64 * 1024;

    /// A body must arrive within this time (408 BODY_TOO_SLOW), waiting for a slot included.
    public double BodyReadTimeoutSeconds { get; set; } = 30;

    /// Working-set growth after which memory is given back once a burst is over (0: never).
    public long ReclaimMemoryAboveMegabytes { get; set; } = 64;

    /// How often the working set is looked at.
    public double ReclaimMemoryIntervalSeconds { get; set; } = 5;
}
