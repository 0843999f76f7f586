namespace HistoryGraph.Retention;

/// The cut-off a purge asks for, the same way from the mutation and the command: an instant
/// (`before`), or a number of days to keep, or else Retention:KeepDays.
public static class PurgeCutoff
{
    /// The cut-off, or why there is none (both given, negative days, nothing to go by).
    public static (DateTime Cutoff, string? Problem) Resolve(DateTime? before, int? keepDays, int? configuredKeepDays, DateTime now)
    {
        if (before is not null && keepDays is not null)
            return (default, "Give a cut-off instant (before) or the days to keep (keepDays, --keep-days), not both.");
        if (keepDays < 0)
            return (default, "The days to keep must be 0 or more.");
        if (before is { } instant)
            return (instant.ToUniversalTime(), null);
        return (keepDays ?? configuredKeepDays) is { } days
            ? (now.AddDays(-days), null)
            : (default, "Retention:KeepDays is not set (history is kept forever): give a cut-off instant (before) or the days to keep (keepDays, --keep-days).");
    }
}
