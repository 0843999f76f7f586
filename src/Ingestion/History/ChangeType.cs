namespace HistoryGraph.Ingestion.History;

public enum ChangeType
{
    Added,
    Updated,
    Deleted,
}
