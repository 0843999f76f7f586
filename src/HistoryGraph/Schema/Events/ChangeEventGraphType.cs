using GraphQL.Types;
using HistoryGraph.Schema.Users;
using HistoryGraph.Schema.FieldChanges;
using HistoryGraph.Schema.Entities;
using HistoryGraph.Loading;
using GraphQL;
using HistoryGraph.Ingestion.Payloads;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Schema.Scalars;

namespace HistoryGraph.Schema.Events;

public sealed class ChangeEventGraphType : ObjectGraphType<ChangeEvent>
{
    public const string TypeName = "ChangeEvent";

    public ChangeEventGraphType(PayloadCodec codec)
    {
        Name = TypeName;
        Description = "One change event as OpenMetadata sent it.";
        var fields = ChangeEventQueryable.Declaration;
        this.ImplementsNode(TypeName, row => row.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Field<NonNullGraphType<LongGraphType>>("sequence").Description(fields["sequence"].Description).Resolve(c => c.Source.Sequence);
        Field<NonNullGraphType<StringGraphType>>("eventId").Description(fields["eventId"].Description).Resolve(c => c.Source.EventKey);
        Field<NonNullGraphType<StringGraphType>>("eventType").Description(fields["eventType"].Description + " A string, so that new types never break the API.").Resolve(c => c.Source.EventType);
        Field<NonNullGraphType<StringGraphType>>("entityType").Description(fields["entityType"].Description).Resolve(c => c.Source.EntityType);
        Field<NonNullGraphType<UuidGraphType>>("entityId").Description(fields["entityId"].Description).Resolve(c => c.Source.EntityId);
        Field<StringGraphType>("fqn").Description(fields["fqn"].Description).Resolve(c => c.Source.EntityFqn);
        Field<StringGraphType>("userName").Description(fields["userName"].Description).Resolve(c => c.Source.UserName);
        Field<NonNullGraphType<DateTimeGraphType>>("timestamp").Description(fields["timestamp"].Description).Resolve(c => c.Source.Timestamp);
        Field<NonNullGraphType<DateTimeGraphType>>("receivedAt").Description(fields["receivedAt"].Description).Resolve(c => c.Source.ReceivedAt);
        Field<DecimalGraphType>("previousVersion").Description(fields["previousVersion"].Description).Resolve(c => c.Source.PreviousVersion);
        Field<DecimalGraphType>("currentVersion").Description(fields["currentVersion"].Description).Resolve(c => c.Source.CurrentVersion);
        Field<NonNullGraphType<JsonGraphType>>("payload").Description("The event as OpenMetadata sent it.").Resolve(c => JsonText.Parse(codec.Unpack(c.Source.Payload)));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FieldChangeGraphType>>>>("fieldChanges").Description("The fields this event changed.")
            .Resolve(c => c.Loaders().FieldChangesOfEvents.Load(c.Source.Sequence));
        Field<UserGraphType>("user").Description("The user or bot that made the change.")
            .Resolve(c => c.Source.UserName is { } name ? c.Loaders().Users.Load(name) : null);
        Field<EntityGraphType>("entity").Description("The entity in its current state (null for events about no entity, such as threads).")
            .Resolve(c => c.Loaders().Entities.Load(c.Source.EntityId));
    }
}
