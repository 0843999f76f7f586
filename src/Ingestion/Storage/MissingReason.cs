namespace HistoryGraph.Ingestion.Storage;

/// Why missing versions could not be stored.
public enum MissingReason
{
    /// OpenMetadata no longer keeps it (the entity was hard-deleted there, or the version is gone).
    NotInOpenMetadata,
    /// OpenMetadata refused to give it (an error answer).
    Refused,
    /// OpenMetadata could not be reached, or did not answer in time.
    Unreachable,
}
