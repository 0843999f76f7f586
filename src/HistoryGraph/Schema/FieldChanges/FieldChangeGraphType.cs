using GraphQL.Types;
using HistoryGraph.Conventions;
using HistoryGraph.Ingestion.OpenMetadata;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Loading;
using HistoryGraph.Schema.Entities;
using HistoryGraph.Schema.Events;
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
        Field<NonNullGraphType<StringGraphType>>("path").Description(fields["path"].Description).Column(r => r.Path);
        Field<NonNullGraphType<StringGraphType>>("field").Description(fields["field"].Description).Column(r => r.Field);
        Field<StringGraphType>("column").Description(fields["column"].Description).Column(r => r.Column);
        Field<NonNullGraphType<FieldCategoryGraphType>>("category").Description(fields["category"].Description).Column(r => r.Category);
        Field<NonNullGraphType<ChangeTypeGraphType>>("changeType").Description(fields["changeType"].Description).Column(r => r.ChangeType);
        Field<JsonGraphType>("oldValue").Description("The value before, as JSON (JSON that OpenMetadata sent inside a string is decoded).")
            .Resolve(c => c.Source.OldValue is { } v ? JsonText.Parse(FieldValue.Decode(v)) : null).Reads((FieldChange r) => r.OldValue);
        Field<JsonGraphType>("newValue").Description("The value after, as JSON (JSON that OpenMetadata sent inside a string is decoded).")
            .Resolve(c => c.Source.NewValue is { } v ? JsonText.Parse(FieldValue.Decode(v)) : null).Reads((FieldChange r) => r.NewValue);
        Field<NonNullGraphType<DateTimeGraphType>>("changedAt").Description(fields["changedAt"].Description).Column(r => r.ChangedAt);
        Field<StringGraphType>("changedBy").Description(fields["changedBy"].Description).Column(r => r.ChangedBy);
        Field<DecimalGraphType>("version").Description(fields["version"].Description).Column(r => r.Version);
        Field<NonNullGraphType<BooleanGraphType>>("derived").Description(fields["derived"].Description).Column(r => r.Derived);
        Field<NonNullGraphType<UuidGraphType>>("entityId").Description(fields["entityId"].Description).Column(r => r.EntityId);
        Field<NonNullGraphType<StringGraphType>>("entityType").Description(fields["entityType"].Description).Column(r => r.EntityType);
        Field<StringGraphType>("fqn").Description(fields["fqn"].Description).Column(r => r.EntityFqn);
        Field<NonNullGraphType<LongGraphType>>("eventSequence").Description(fields["eventSequence"].Description).Column(r => r.EventSequence);
        Field<NonNullGraphType<ChangeEventGraphType>>("event").Description("The event this change belongs to.")
            .Resolve(c => c.Loaders().Events.Load(c.Source.EventSequence)).Reads((FieldChange r) => r.EventSequence);
        Field<EntityGraphType>("entity").Description("The entity in its current state.")
            .Resolve(c => c.Loaders().Entities.Load(c.Source.EntityId)).Reads((FieldChange r) => r.EntityId);
    }
}
