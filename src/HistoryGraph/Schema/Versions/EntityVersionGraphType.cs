using System.Globalization;
using GraphQL.Types;
using HistoryGraph.Schema.Users;
using HistoryGraph.Schema.FieldChanges;
using HistoryGraph.Schema.Entities;
using HistoryGraph.Loading;
using GraphQL;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Schema.Scalars;

namespace HistoryGraph.Schema.Versions;

public sealed class EntityVersionGraphType : ObjectGraphType<EntityVersion>
{
    public const string TypeName = "EntityVersion";

    public EntityVersionGraphType()
    {
        Name = TypeName;
        Description = "An entity as it was at one version: the full snapshot OpenMetadata sent for it.";
        var fields = EntityVersionQueryable.Declaration;
        this.ImplementsNode(TypeName, row => $"{row.EntityId}:{row.Version.ToString(CultureInfo.InvariantCulture)}");
        Field<NonNullGraphType<UuidGraphType>>("entityId").Description(fields["entityId"].Description).Resolve(c => c.Source.EntityId);
        Field<NonNullGraphType<StringGraphType>>("entityType").Description(fields["entityType"].Description).Resolve(c => c.Source.EntityType);
        Field<StringGraphType>("fqn").Description(fields["fqn"].Description).Resolve(c => c.Source.Fqn);
        Field<NonNullGraphType<DecimalGraphType>>("version").Description(fields["version"].Description).Resolve(c => c.Source.Version);
        Field<NonNullGraphType<JsonGraphType>>("snapshot").Description("The full entity at this version.").Resolve(c => c.Loaders().Snapshots.Load(c.Source.EventSequence).Then(json => JsonText.Parse(json)));
        Field<NonNullGraphType<DateTimeGraphType>>("changedAt").Description(fields["changedAt"].Description).Resolve(c => c.Source.ChangedAt);
        Field<StringGraphType>("changedBy").Description(fields["changedBy"].Description).Resolve(c => c.Source.ChangedBy);
        Field<NonNullGraphType<StringGraphType>>("eventType").Description(fields["eventType"].Description).Resolve(c => c.Source.EventType);
        Field<NonNullGraphType<LongGraphType>>("eventSequence").Description("Sequence of the event that made this version.").Resolve(c => c.Source.EventSequence);
        Field<EntityGraphType>("entity").Description("The entity in its current state.")
            .Resolve(c => c.Loaders().Entities.Load(c.Source.EntityId));
        Field<UserGraphType>("user").Description("The user or bot that made this version.")
            .Resolve(c => c.Source.ChangedBy is { } name ? c.Loaders().Users.Load(name) : null);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FieldChangeGraphType>>>>("fieldChanges").Description("The field changes of the event that made this version.")
            .Resolve(c => c.Loaders().FieldChangesOfEvents.Load(c.Source.EventSequence));
    }
}
