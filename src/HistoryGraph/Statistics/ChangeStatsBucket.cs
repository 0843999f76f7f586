namespace HistoryGraph.Statistics;

/// One bucket of change statistics: its events, and their counts by the groups asked for.
/// Sequence is set on live updates: the last event that touched the bucket.
public sealed record ChangeStatsBucket(DateTime Start, DateTime End, long Count, IReadOnlyList<ChangeStatsGroupCount> Groups, long? Sequence = null);
