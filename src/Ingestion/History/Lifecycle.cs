namespace HistoryGraph.Ingestion.History;

public enum Lifecycle
{
    Active,
    SoftDeleted,
    HardDeleted,
}
