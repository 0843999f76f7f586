using GraphQL.Types;
using HistoryGraph.Ingestion.History;

namespace HistoryGraph.Schema;

public sealed class LifecycleGraphType : EnumerationGraphType<Lifecycle>
{
    public LifecycleGraphType()
    {
        Name = "Lifecycle";
        Description = "Where an entity is in its life: ACTIVE, SOFT_DELETED (in OpenMetadata's trash, restorable) or HARD_DELETED (gone from OpenMetadata; its history stays here).";
    }
}
