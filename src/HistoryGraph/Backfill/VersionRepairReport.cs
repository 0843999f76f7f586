namespace HistoryGraph.Backfill;

/// What a version repair did: the gaps it found, the versions it fetched from OpenMetadata and
/// stored, and the gaps left, each with its reason: OpenMetadata no longer has those versions
/// (e.g. after a hard delete), refused them (an error or an answer that is not the version), or
/// could not be reached. Error says why it stopped early (OpenMetadata unreachable), if it did.
public sealed record VersionRepairReport(int GapsFound, int VersionsStored, int VersionsAlreadyPresent, IReadOnlyList<VersionGap> StillMissing, string? Error)
{
    /// Whether there may be more gaps than were looked at: the run found as many as
    /// Backfill:MaxGapsPerRun allows. Gaps not among them are neither repaired nor known closed.
    public bool Truncated { get; init; }

    public static VersionRepairReport Empty { get; } = new(0, 0, 0, [], null);
}
