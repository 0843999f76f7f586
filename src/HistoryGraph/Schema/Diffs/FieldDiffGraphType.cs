using GraphQL.Types;
using HistoryGraph.Diffs;
using HistoryGraph.Ingestion.History;
using HistoryGraph.Schema.FieldChanges;
using HistoryGraph.Schema.Scalars;
using HistoryGraph.Schema.Semantics;

namespace HistoryGraph.Schema.Diffs;

public sealed class FieldDiffGraphType : ObjectGraphType<FieldDiff>
{
    public FieldDiffGraphType()
    {
        Name = "FieldDiff";
        Description = "One difference between two snapshots of an entity, in the form of OpenMetadata's field changes.";
        Field<NonNullGraphType<StringGraphType>>("path").Description("OpenMetadata's field path, e.g. description, columns.\"a.b\".tags; list items are named by their name.").Resolve(c => c.Source.Path);
        Field<NonNullGraphType<StringGraphType>>("field").Description("The last part of the path, e.g. description.").Resolve(c => c.Source.Field);
        Field<StringGraphType>("column").Description("The column the path points into, if any.").Resolve(c => c.Source.Column);
        Field<NonNullGraphType<FieldCategoryGraphType>>("category").Description("What the difference is about.").Resolve(c => c.Source.Category);
        Field<NonNullGraphType<ChangeTypeGraphType>>("changeType").Description("ADDED, UPDATED or DELETED (for a list: the items added or removed).").Resolve(c => c.Source.ChangeType);
        Field<JsonGraphType>("oldValue").Description("The value in the older snapshot (for a list: the items removed).").Resolve(c => JsonText.Parse(c.Source.OldValue));
        Field<JsonGraphType>("newValue").Description("The value in the newer snapshot (for a list: the items added).").Resolve(c => JsonText.Parse(c.Source.NewValue));
        Field<NonNullGraphType<SemanticChangeGraphType>>("semanticChange").Description("How the difference affects whoever uses the asset.").Resolve(c => c.Source.SemanticChange);
        Field<NonNullGraphType<BooleanGraphType>>("breaking").Description("True for a MAJOR difference.").Resolve(c => SemanticChangeClassifier.IsBreaking(c.Source.SemanticChange));
    }
}
