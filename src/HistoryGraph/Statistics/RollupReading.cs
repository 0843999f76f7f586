using HistoryGraph.Ingestion.Statistics;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Statistics;

/// The ranges of the rollup that add up to each bucket, read in one statement. A bucket of a
/// day or more is the UTC days between the UTC midnights nearest its ends, plus or minus the
/// finest spans between each end and that midnight: a year of days in Berlin is 365 day rows
/// and an hour's quarters (or hour) at each edge per group, not 35,040 quarter rows. A shorter
/// bucket is its finest spans.
public sealed class RollupReading
{
    private readonly Dictionary<(ChangeCountDimension, ChangeCountSpan, DateTime, DateTime), RollupRange> _byKey = [];
    private readonly List<RollupRange> _ranges = [];

    public IReadOnlyList<RollupRange> Ranges => _ranges;

    /// The reading into the counter's buckets of the range between the first and last edges,
    /// cut at the others (the bucket edges between); each must fall on the finest span of every
    /// dimension.
    public static RollupReading Plan(BucketCounter counter, IReadOnlyList<DateTime> edges, IReadOnlyList<ChangeCountDimension> dimensions)
    {
        var reading = new RollupReading();
        foreach (var dimension in dimensions)
        {
            var finest = ChangeCounting.FinestSpanOf(dimension);
            for (var k = 0; k + 1 < edges.Count; k++)
            {
                var (start, end) = (edges[k], edges[k + 1]);
                var bucket = counter.BucketOf(start);
                var (startDay, endDay) = (NearestMidnight(start), NearestMidnight(end));
                if (startDay < endDay)
                {
                    reading.Add(dimension, ChangeCountSpan.Day, startDay, endDay, bucket, +1);
                    reading.AddBetween(dimension, finest, start, startDay, bucket, +1);
                    reading.AddBetween(dimension, finest, end, endDay, bucket, -1);
                }
                else
                    reading.Add(dimension, finest, start, end, bucket, +1);
            }
        }
        return reading;
    }

    private static DateTime NearestMidnight(DateTime utc) => ChangeCounting.StartOf(utc + TimeSpan.FromHours(12), ChangeCountSpan.Day);

    /// What lies between an edge and its midnight, with the edge's sign when the midnight comes
    /// after it, the opposite sign when it comes before.
    private void AddBetween(ChangeCountDimension dimension, ChangeCountSpan span, DateTime edge, DateTime midnight, int bucket, int sign)
    {
        if (midnight > edge)
            Add(dimension, span, edge, midnight, bucket, sign);
        else if (midnight < edge)
            Add(dimension, span, midnight, edge, bucket, -sign);
    }

    private void Add(ChangeCountDimension dimension, ChangeCountSpan span, DateTime start, DateTime end, int bucket, int sign)
    {
        if (!_byKey.TryGetValue((dimension, span, start, end), out var range))
        {
            _byKey.Add((dimension, span, start, end), range = new RollupRange(dimension, span, start, end));
            _ranges.Add(range);
        }
        range.Buckets.Add((bucket, sign));
    }
}
