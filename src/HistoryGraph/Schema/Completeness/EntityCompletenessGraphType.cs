using GraphQL.Types;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Completeness;

/// `Entity.completeness`: the entity's open gaps.
public sealed class EntityCompletenessGraphType : ObjectGraphType<IReadOnlyList<KnownGap>>
{
    public EntityCompletenessGraphType()
    {
        Name = "EntityCompleteness";
        Description = "What the history is known to lack of one entity.";
        Field<NonNullGraphType<BooleanGraphType>>("complete").Description("No version of the entity is known to be missing.").Resolve(c => c.Source.Count == 0);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<KnownGapGraphType>>>>("gaps").Description("The versions known to be missing, with why.").Resolve(c => c.Source);
    }
}
