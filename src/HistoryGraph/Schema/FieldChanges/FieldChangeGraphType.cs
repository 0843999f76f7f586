using GraphQL.Types;
using HistoryGraph.Schema.Events;
using HistoryGraph.Schema.Entities;
using HistoryGraph.Loading;
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
        var fields = FieldChangeQueryable.Declaration;
        this.ImplementsNode(TypeName, row => $"{row.EventSequence}:{row.Ordinal}");
        Field<NonNullGraphType<StringGraphType>>("path").Description(fields["path"].Description).Resolve(c => c.Source.Path);
        Field<NonNullGraphType<StringGraphType>>("field").Description(fields["field"].Description).Resolve(c => c.Source.Field);
        Field<StringGraphType>("column").Description(fields["column"].Description).Resolve(c => c.Source.Column);
        Field<NonNullGraphType<FieldCategoryGraphType>>("category").Description(fields["category"].Description).Resolve(c => c.Source.Category);
        Field<NonNullGraphType<ChangeTypeGraphType>>("changeType").Description(fields["changeType"].Description).Resolve(c => c.Source.ChangeType);
        Field<JsonGraphType>("oldValue").Description("The value before, as JSON (JSON that OpenMetadata sent inside a string is decoded).")
            .Resolve(c => c.Source.OldValue is { } v ? JsonText.Parse(FieldValue.Decode(v)) : null);
        Field<JsonGraphType>("newValue").Description("The value after, as JSON (JSON that OpenMetadata sent inside a string is decoded).")
            .Resolve(c => c.Source.NewValue is { } v ? JsonText.Parse(FieldValue.Decode(v)) : null);
        Field<NonNullGraphType<DateTimeGraphType>>("changedAt").Description(fields["changedAt"].Description).Resolve(c => c.Source.ChangedAt);
        Field<StringGraphType>("changedBy").Description(fields["changedBy"].Description).Resolve(c => c.Source.ChangedBy);
        Field<DecimalGraphType>("version").Description(fields["version"].Description).Resolve(c => c.Source.Version);
        Field<NonNullGraphType<BooleanGraphType>>("derived").Description(fields["derived"].Description).Resolve(c => c.Source.Derived);
        Field<NonNullGraphType<UuidGraphType>>("entityId").Description(fields["entityId"].Description).Resolve(c => c.Source.EntityId);
        Field<NonNullGraphType<StringGraphType>>("entityType").Description(fields["entityType"].Description).Resolve(c => c.Source.EntityType);
        Field<StringGraphType>("fqn").Description(fields["fqn"].Description).Resolve(c => c.Source.EntityFqn);
        Field<NonNullGraphType<LongGraphType>>("eventSequence").Description(fields["eventSequence"].Description).Resolve(c => c.Source.EventSequence);
        Field<NonNullGraphType<ChangeEventGraphType>>("event").Description("The event this change belongs to.")
            .Resolve(c => c.Loaders().Events.Load(c.Source.EventSequence));
        Field<EntityGraphType>("entity").Description("The entity in its current state.")
            .Resolve(c => c.Loaders().Entities.Load(c.Source.EntityId));
    }
}
