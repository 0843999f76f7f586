using GraphQL.Types;
using HistoryGraph.Conventions.Projections;
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
        this.ImplementsNode(TypeName, row => row.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        this.ColumnsOf(ChangeEventQueryable.Declaration);
        Field<NonNullGraphType<JsonGraphType>>("payload").Description("The event as OpenMetadata sent it.").Resolve(c => JsonText.Parse(codec.Unpack(c.Source.Payload))).Reads((ChangeEvent r) => r.Payload);
        this.RelationsOf(ChangeEventQueryable.Declaration);
    }
}
