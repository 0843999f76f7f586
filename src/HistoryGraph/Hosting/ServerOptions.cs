namespace HistoryGraph.Hosting;

/// The process's memory (section "Server"; the same section's body limits are Http.BodyOptions):
/// when memory is given back after a burst.
public sealed class ServerOptions
{
    public const string Section = "Server";

    /// Working-set growth after which memory is given back once a burst is over (0: never).
    public long ReclaimMemoryAboveMegabytes { get; set; } = 64;

    /// How often the working set is looked at.
    public double ReclaimMemoryIntervalSeconds { get; set; } = 5;
}
