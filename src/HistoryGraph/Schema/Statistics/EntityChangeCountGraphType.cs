using GraphQL.Types;
using HistoryGraph.Schema.Entities;
using HistoryGraph.Schema.Scalars;
using HistoryGraph.Statistics;

namespace HistoryGraph.Schema.Statistics;

public sealed class EntityChangeCountGraphType : ObjectGraphType<RankedCounts.EntityCount>
{
    public EntityChangeCountGraphType()
    {
        Name = "EntityChangeCount";
        Description = "An entity and how many change events it had in the window.";
        Field<NonNullGraphType<UuidGraphType>>("entityId").Description("OpenMetadata's id of the entity.").Resolve(c => c.Source.EntityId);
        Field<NonNullGraphType<LongGraphType>>("count").Description("How many change events.").Resolve(c => c.Source.Count);
        Field<EntityGraphType>("entity").Description("The entity in its current state.").Resolve(c => c.Loaders().Entities.Load(c.Source.EntityId));
    }
}
