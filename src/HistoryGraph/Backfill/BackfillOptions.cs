namespace HistoryGraph.Backfill;

/// Section "Backfill": an optional schedule that reads OpenMetadata's event log for what its
/// webhook did not deliver, then repairs version gaps.
public sealed class BackfillOptions
{
    public const string Section = "Backfill";

    /// How often the scheduled backfill runs (e.g. `01:00:00`); unset: never on its own, only
    /// through the `backfill` command or mutation.
    public TimeSpan? Interval { get; set; }

    /// How far back each scheduled run reads; default twice the interval, so that a run that
    /// failed is covered by the next.
    public TimeSpan? Lookback { get; set; }

    /// The most version gaps repaired by one run; the rest wait for the next.
    public int MaxGapsPerRun { get; set; } = 1000;

    /// The most pages of `/v1/events` one run reads.
    public int MaxPages { get; set; } = 10_000;
}
