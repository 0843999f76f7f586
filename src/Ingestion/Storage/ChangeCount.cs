namespace HistoryGraph.Ingestion.Storage;

/// How many events one span of time holds with one value of one dimension: the rollup that
/// change statistics read instead of the events, kept by the writer in the transaction that
/// stores the events. Each dimension is counted per UTC day and per its finest span (see
/// ChangeCounting.SpansOf).
public sealed class ChangeCount
{
    public ChangeCountDimension Dimension { get; set; }
    public ChangeCountSpan Span { get; set; }
    /// The span's first instant, UTC.
    public DateTime Start { get; set; }
    /// The value counted; empty for none (an event without a user, an entity without a service) and for Total.
    public required string Key { get; set; }
    public long Count { get; set; }
}
