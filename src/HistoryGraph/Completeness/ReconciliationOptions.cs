namespace HistoryGraph.Completeness;

/// Section "Reconciliation": the reconciler that checks the history against OpenMetadata, window
/// by window, from the oldest not yet checked to now.
public sealed class ReconciliationOptions
{
    public const string Section = "Reconciliation";

    /// On by default; it runs only where OpenMetadata:ApiUrl is set.
    public bool Enabled { get; set; } = true;

    /// The length of a window.
    public double WindowMinutes { get; set; } = 60;

    /// Windows closer to now than this are left for later: OpenMetadata may still be sending them.
    public double SettleMinutes { get; set; } = 10;

    /// Where the first window starts; unset: at the oldest stored event (one window back from now
    /// when the history is empty). OpenMetadata keeps its own log a few days only: older windows
    /// are checked from the versions alone.
    public DateTime? Since { get; set; }

    /// How long OpenMetadata keeps its own event log (its `change_event` table is pruned after a
    /// few days): windows that ended longer ago than this are checked from the versions alone,
    /// without asking the log (which on releases that do not page it would answer everything it
    /// keeps, for every such window).
    public double LogRetentionDays { get; set; } = 7;

    /// The most windows one pass checks (the rest wait for the next pass).
    public int MaxWindowsPerPass { get; set; } = 24;

    /// How long a window whose check failed, and a gap OpenMetadata refused or could not give,
    /// wait before they are tried again.
    public double RetryMinutes { get; set; } = 30;

    /// Time between passes.
    public double PassIntervalSeconds { get; set; } = 60;
}
