namespace HistoryGraph.Ingestion.Storage;

/// The key of the IDbContextFactory the history writer uses: on PostgreSQL a pool of its own
/// (Storage:WriterConnections connections, application name "... writer"), so that readers,
/// however many and however slow, never hold the connection an acknowledgement waits for.
/// On SQLite the key gives the usual factory (one file, one writer anyway).
public static class WriterConnections
{
    public const string Key = "writer";
}
