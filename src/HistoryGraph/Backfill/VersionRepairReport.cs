namespace HistoryGraph.Backfill;

/// What a version repair did: the gaps it found, the versions it fetched from OpenMetadata and
/// stored, and the gaps left (OpenMetadata no longer has those versions, e.g. after a hard
/// delete, or the run's limit was reached). Error says why it stopped early, if it did.
public sealed record VersionRepairReport(int GapsFound, int VersionsStored, int VersionsAlreadyPresent, IReadOnlyList<VersionGap> StillMissing, string? Error)
{
    public static VersionRepairReport Empty { get; } = new(0, 0, 0, [], null);
}
