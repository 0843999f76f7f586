namespace HistoryGraph.Ingestion.Storage;

/// Where a purge run stands.
public enum PurgeStatus
{
    Running,
    Completed,
    /// Stopped by an error; what its batches removed before that stays removed and counted.
    Failed,
}
