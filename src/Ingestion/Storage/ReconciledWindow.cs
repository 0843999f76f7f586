namespace HistoryGraph.Ingestion.Storage;

/// One window of time [From, To) checked against OpenMetadata by the reconciler: what
/// OpenMetadata had (the events its log holds, and the versions its history endpoint lists
/// where it has one), what was missing here and stored, and what could not be. A window with no
/// error and nothing still missing is verified complete.
public sealed class ReconciledWindow
{
    public long Id { get; set; }
    public DateTime From { get; set; }
    public DateTime To { get; set; }
    public DateTime CheckedAt { get; set; }
    /// Events OpenMetadata's log holds for the window.
    public int EventsSeen { get; set; }
    /// Of those, the ones the history lacked, now stored (origin BACKFILL).
    public int EventsStored { get; set; }
    /// Entity versions OpenMetadata lists for the window (its history endpoint), or the versions
    /// the window's events name where it has none.
    public int VersionsSeen { get; set; }
    /// Versions the history lacked that were fetched and stored (origin VERSION_REPAIR).
    public int VersionsStored { get; set; }
    /// Versions still missing after the window was checked (KnownGap says which and why).
    public int StillMissing { get; set; }
    /// Events of the window the webhook delivered.
    public int WebhookEvents { get; set; }
    /// OpenMetadata's log has events for the window but no webhook delivered any: the alert may
    /// be disabled or failing.
    public bool Silent { get; set; }
    /// Whether OpenMetadata's history endpoint listed the window's versions (newer releases);
    /// otherwise versions were checked from the gaps in the stored history.
    public bool VersionsListed { get; set; }
    /// Why the window could not be checked through; it is checked again.
    public string? Error { get; set; }
}
