namespace HistoryGraph.Retention;

/// What historygraph_purge removed in one batch.
public sealed record PurgeCounts(long FieldChanges, long Versions, long Events);
