namespace HistoryGraph.Ingestion.History;

public enum DeletionKind
{
    Soft,
    Hard,
}
