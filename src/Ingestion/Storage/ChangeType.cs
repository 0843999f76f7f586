namespace HistoryGraph.Ingestion.Storage;

public enum ChangeType
{
    Added,
    Updated,
    Deleted,
}
