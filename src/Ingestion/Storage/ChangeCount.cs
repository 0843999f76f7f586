namespace HistoryGraph.Ingestion.Storage;

/// How many events a quarter hour holds with one value of one dimension: the rollup that change
/// statistics read instead of the events, kept by the writer in the transaction that stores the
/// events. A quarter hour, because every time zone's offset is a whole number of quarter hours,
/// so that hours, days, weeks and months in any zone are whole quarters.
public sealed class ChangeCount
{
    public ChangeCountDimension Dimension { get; set; }
    public DateTime QuarterStart { get; set; }
    /// The value counted; empty for none (an event without a user, an entity without a service) and for Total.
    public required string Key { get; set; }
    public long Count { get; set; }
}
