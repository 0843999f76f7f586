using GraphQL.Types;
using HistoryGraph.Conventions.Projections;
using HistoryGraph.Ingestion.OpenMetadata;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Schema.Scalars;

namespace HistoryGraph.Schema.FieldChanges;

public sealed class FieldChangeGraphType : ObjectGraphType<FieldChange>
{
    public const string TypeName = "FieldChange";

    public FieldChangeGraphType()
    {
        Name = TypeName;
        Description = "One changed field of an event.";
        this.ImplementsNode(TypeName, row => $"{row.EventSequence}:{row.Ordinal}");
        this.ColumnsOf(FieldChangeQueryable.Declaration);
        Field<JsonGraphType>("oldValue").Description("The value before, as JSON (JSON that OpenMetadata sent inside a string is decoded).")
            .ResolveFromRow(row => row.OldValue is { } v ? JsonText.Parse(FieldValue.Decode(v)) : null, (FieldChange r) => r.OldValue);
        Field<JsonGraphType>("newValue").Description("The value after, as JSON (JSON that OpenMetadata sent inside a string is decoded).")
            .ResolveFromRow(row => row.NewValue is { } v ? JsonText.Parse(FieldValue.Decode(v)) : null, (FieldChange r) => r.NewValue);
        this.RelationsOf(FieldChangeQueryable.Declaration);
    }
}
