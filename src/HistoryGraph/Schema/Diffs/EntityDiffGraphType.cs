using GraphQL.Types;
using HistoryGraph.Diffs;
using HistoryGraph.Ingestion.History;
using HistoryGraph.Schema.Scalars;
using HistoryGraph.Schema.Semantics;
using HistoryGraph.Schema.Versions;

namespace HistoryGraph.Schema.Diffs;

public sealed class EntityDiffGraphType : ObjectGraphType<EntityDiff>
{
    public EntityDiffGraphType()
    {
        Name = "EntityDiff";
        Description = "What differs between two versions of one entity. Volatile fields (version, updatedAt, updatedBy, href, changeDescription, incrementalChangeDescription) are left out; usageSummary and changeSummary are left out of `changes` but kept by `jsonPatch`.";
        Field<NonNullGraphType<EntityVersionGraphType>>("from").Description("The older state compared.").Resolve(c => c.Source.From);
        Field<NonNullGraphType<EntityVersionGraphType>>("to").Description("The newer state compared.").Resolve(c => c.Source.To);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FieldDiffGraphType>>>>("changes")
            .Description("The differences: list items matched by name at every level (a reordered list is no change), tags, owners and other references compared as sets.")
            .Resolve(c => c.Source.Changes);
        Field<NonNullGraphType<JsonGraphType>>("jsonPatch")
            .Description("An RFC 6902 JSON Patch: applied to `from.snapshot` it gives `to.snapshot` without the volatile fields (it removes those of `from`).")
            .Resolve(c => JsonText.Parse(c.Source.JsonPatch));
        Field<NonNullGraphType<SemanticChangeGraphType>>("semanticChange").Description("The most significant of the changes (NONE when there are none).").Resolve(c => c.Source.SemanticChange);
        Field<NonNullGraphType<BooleanGraphType>>("breaking").Description("True when any change is MAJOR.").Resolve(c => SemanticChangeClassifier.IsBreaking(c.Source.SemanticChange));
    }
}
