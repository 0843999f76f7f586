using GraphQL.Types;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Restores;

public sealed class RestoreMethodGraphType : EnumerationGraphType<RestoreMethod>
{
    public RestoreMethodGraphType()
    {
        Name = "RestoreMethod";
        Description = "How a deleted entity is brought back in OpenMetadata.";
        Values["RESTORE"]!.Description = "A soft-deleted entity, through OpenMetadata's restore endpoint.";
        Values["RECREATE"]!.Description = "A hard-deleted entity, created again from a stored snapshot.";
    }
}
