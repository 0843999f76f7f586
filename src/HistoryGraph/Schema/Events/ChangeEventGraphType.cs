using GraphQL;
using GraphQL.Types;
using HistoryGraph.Conventions;
using HistoryGraph.Ingestion.Payloads;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Loading;
using HistoryGraph.Schema.Entities;
using HistoryGraph.Schema.FieldChanges;
using HistoryGraph.Schema.Scalars;
using HistoryGraph.Schema.Users;

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
        Field<NonNullGraphType<LongGraphType>>("sequence").Description(fields["sequence"].Description).Column(r => r.Sequence);
        Field<NonNullGraphType<StringGraphType>>("eventId").Description(fields["eventId"].Description).Column(r => r.EventKey);
        Field<NonNullGraphType<StringGraphType>>("eventType").Description(fields["eventType"].Description + " A string, so that new types never break the API.").Column(r => r.EventType);
        Field<NonNullGraphType<StringGraphType>>("entityType").Description(fields["entityType"].Description).Column(r => r.EntityType);
        Field<NonNullGraphType<UuidGraphType>>("entityId").Description(fields["entityId"].Description).Column(r => r.EntityId);
        Field<StringGraphType>("fqn").Description(fields["fqn"].Description).Column(r => r.EntityFqn);
        Field<StringGraphType>("userName").Description(fields["userName"].Description).Column(r => r.UserName);
        Field<NonNullGraphType<DateTimeGraphType>>("timestamp").Description(fields["timestamp"].Description).Column(r => r.Timestamp);
        Field<NonNullGraphType<DateTimeGraphType>>("receivedAt").Description(fields["receivedAt"].Description).Column(r => r.ReceivedAt);
        Field<DecimalGraphType>("previousVersion").Description(fields["previousVersion"].Description).Column(r => r.PreviousVersion);
        Field<DecimalGraphType>("currentVersion").Description(fields["currentVersion"].Description).Column(r => r.CurrentVersion);
        Field<NonNullGraphType<JsonGraphType>>("payload").Description("The event as OpenMetadata sent it.").Resolve(c => JsonText.Parse(codec.Unpack(c.Source.Payload))).Reads((ChangeEvent r) => r.Payload);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FieldChangeGraphType>>>>("fieldChanges").Description("The fields this event changed.")
            .Resolve(c => c.Loaders().FieldChangesOfEvents.Load(c.Source.Sequence)).Reads((ChangeEvent r) => r.Sequence);
        Field<UserGraphType>("user").Description("The user or bot that made the change.")
            .Resolve(c => c.Source.UserName is { } name ? c.Loaders().Users.Load(name) : null).Reads((ChangeEvent r) => r.UserName);
        Field<EntityGraphType>("entity").Description("The entity in its current state (null for events about no entity, such as threads).")
            .Resolve(c => c.Loaders().Entities.Load(c.Source.EntityId)).Reads((ChangeEvent r) => r.EntityId);
    }
}
