namespace HistoryGraph.Schema.Statistics;

/// One bucket of change statistics: its events, and their counts by the groups asked for.
public sealed record ChangeStatsBucket(DateTime Start, DateTime End, long Count, IReadOnlyList<ChangeStatsGroupCount> Groups);
