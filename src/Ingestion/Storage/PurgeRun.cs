namespace HistoryGraph.Ingestion.Storage;

/// One run of the retention purge: what it was asked to remove (events before Cutoff), by whom,
/// and what it removed and kept. Counters are updated batch by batch, so a run that failed
/// still says what it did.
public sealed class PurgeRun
{
    public long Id { get; set; }
    public required string RequestedBy { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    /// Events whose time is before this were purged, unless kept.
    public DateTime Cutoff { get; set; }
    public PurgeStatus Status { get; set; }
    public long EventsPurged { get; set; }
    public long FieldChangesPurged { get; set; }
    public long VersionsPurged { get; set; }
    /// Events older than the cut-off kept because they hold an entity's latest version or
    /// current state, or a deletion, its last snapshot or its restore.
    public long EventsKept { get; set; }
    public long? FirstSequence { get; set; }
    public long? LastSequence { get; set; }
    public string? Error { get; set; }
}
