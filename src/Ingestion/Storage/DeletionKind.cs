namespace HistoryGraph.Ingestion.Storage;

public enum DeletionKind
{
    Soft,
    Hard,
}
