using GraphQL.Types;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Entities;

public sealed class LifecycleGraphType : EnumerationGraphType<Lifecycle>
{
    public LifecycleGraphType()
    {
        Name = "Lifecycle";
        Description = "Where an entity is in its life.";
        Values["ACTIVE"]!.Description = "In the catalog.";
        Values["SOFT_DELETED"]!.Description = "Deleted softly: in OpenMetadata's trash and restorable.";
        Values["HARD_DELETED"]!.Description = "Deleted for good in OpenMetadata; its whole history stays here.";
    }
}
