using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Statistics;

/// One range of a dimension's rollup spans, [Start, End), and the buckets its sum goes to:
/// added to some, taken away from others (the hours between a UTC midnight and the zone's).
public sealed record RollupRange(ChangeCountDimension Dimension, ChangeCountSpan Span, DateTime Start, DateTime End)
{
    public List<(int Bucket, int Sign)> Buckets { get; } = [];
}
