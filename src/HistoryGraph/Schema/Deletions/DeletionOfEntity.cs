using GraphQL.Types;
using HistoryGraph.Conventions.Extending;
using HistoryGraph.Conventions.Projections;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Loading;

namespace HistoryGraph.Schema.Deletions;

/// `Entity.deletion`.
public sealed class DeletionOfEntity : IObjectTypeExtension<TrackedEntity>
{
    public void Extend(ObjectGraphType<TrackedEntity> type)
    {
        type.Field<DeletionGraphType>("deletion").Description("The latest soft or hard delete of this entity, or null.")
            .Resolve(c => c.Loaders().LatestDeletions.Load(c.Source.EntityId)).Reads((TrackedEntity r) => r.EntityId);
    }
}
