namespace HistoryGraph.Ingestion.Storage;

public enum Lifecycle
{
    Active,
    SoftDeleted,
    HardDeleted,
}
