using GraphQL;
using GraphQL.Types;
using HistoryGraph.Conventions.Projections;
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
        this.ImplementsNode(TypeName, row => row.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        this.ColumnsOf(ChangeEventQueryable.Declaration);
        Field<NonNullGraphType<JsonGraphType>>("payload").Description("The event as OpenMetadata sent it.").Resolve(c => JsonText.Parse(codec.Unpack(c.Source.Payload))).Reads((ChangeEvent r) => r.Payload);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FieldChangeGraphType>>>>("fieldChanges").Description("The fields this event changed.")
            .Resolve(c => c.Loaders().FieldChangesOfEvents.Load(c.Source.Sequence)).Reads((ChangeEvent r) => r.Sequence);
        Field<UserGraphType>("user").Description("The user or bot that made the change.")
            .Resolve(c => c.Source.UserName is { } name ? c.Loaders().Users.Load(name) : null).Reads((ChangeEvent r) => r.UserName);
        Field<EntityGraphType>("entity").Description("The entity in its current state (null for events about no entity, such as threads).")
            .Resolve(c => c.Loaders().Entities.Load(c.Source.EntityId)).Reads((ChangeEvent r) => r.EntityId);
    }
}
