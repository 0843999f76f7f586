using HistoryGraph.Live;

namespace HistoryGraph.Statistics;

/// One push of the live `changeStats`: a bucket as it stands after the events that touched it,
/// shared by every subscriber of the same statistics, with their rendered results.
public sealed class ChangeStatsUpdate(ChangeStatsBucket bucket)
{
    public ChangeStatsBucket Bucket { get; } = bucket;

    public SharedResults Results { get; } = new();
}
