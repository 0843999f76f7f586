namespace HistoryGraph.Ingestion.Storage;

/// Versions of an entity known to be missing from the history and not recovered: between two
/// stored versions (AfterVersion, BeforeVersion) OpenMetadata made versions that could not be
/// fetched. Versions lists the ones known for certain (every minor step of a gap under 1.0, the
/// version the later event names as its previous); across a wider gap the steps OpenMetadata
/// took are unknown. Kept until the gap is closed (RecoveredAt), so that what the history lacks
/// can be asked, and why.
public sealed class KnownGap
{
    public Guid EntityId { get; set; }
    /// The stored version after the gap: a gap is named by where it ends.
    public decimal BeforeVersion { get; set; }
    public decimal AfterVersion { get; set; }
    public required string EntityType { get; set; }
    public string? Fqn { get; set; }
    /// The versions certainly missing, in order, as "0.2,0.3".
    public string Versions { get; set; } = "";
    public MissingReason Reason { get; set; }
    /// OpenMetadata's answer or the error, for the operator.
    public string? Detail { get; set; }
    /// The window whose check found it (last).
    public long WindowId { get; set; }
    public DateTime FoundAt { get; set; }
    public DateTime LastTriedAt { get; set; }
    /// When the versions were stored after all (a later check, a webhook, a backfill).
    public DateTime? RecoveredAt { get; set; }
}
