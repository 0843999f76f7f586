namespace HistoryGraph.Ingestion.Storage;

public enum StorageProvider
{
    Sqlite,
    PostgreSql,
}
