using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Backfill;

/// Two versions of an entity stored one after the other with versions missing between them.
/// OpenMetadata steps a version by 0.1 (a minor change) or 1.0 (a backward-incompatible one), so
/// any other distance is a gap; NamedPrevious is the `previousVersion` that the later version's
/// event gave, which shows a gap even across a step of 1.0.
public sealed record VersionGap(Guid EntityId, string EntityType, string? Fqn, decimal AfterVersion, decimal BeforeVersion, decimal? NamedPrevious)
{
    /// Why a repair left it, once one has tried: OpenMetadata has no such versions, refused, or
    /// could not be reached.
    public MissingReason? Reason { get; init; }

    /// OpenMetadata's answer or the error, when it refused or was away.
    public string? Detail { get; init; }

    /// The versions certainly missing: every minor step when the gap is under 1.0 wide, and the
    /// version the later event named (with the minor steps up to it when those are certain).
    /// Across a wider gap the steps taken are unknown until OpenMetadata is asked.
    public IReadOnlyList<decimal> MissingVersions
    {
        get
        {
            var end = NamedPrevious is { } named && named > AfterVersion && named < BeforeVersion ? named : BeforeVersion;
            var missing = new List<decimal>();
            if (end - AfterVersion < 1.0m)
                for (var v = AfterVersion + 0.1m; v < end; v += 0.1m)
                    missing.Add(v);
            if (end != BeforeVersion)
                missing.Add(end);
            return missing;
        }
    }
}
