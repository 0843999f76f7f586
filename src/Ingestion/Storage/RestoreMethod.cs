namespace HistoryGraph.Ingestion.Storage;

/// How a deleted entity is brought back in OpenMetadata.
public enum RestoreMethod
{
    /// A soft-deleted entity, through OpenMetadata's restore endpoint.
    Restore,
    /// A hard-deleted entity, created again from a stored snapshot.
    Recreate,
}
