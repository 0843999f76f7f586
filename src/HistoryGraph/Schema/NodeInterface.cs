using GraphQL.Types;

namespace HistoryGraph.Schema;

public sealed class NodeInterface : InterfaceGraphType
{
    public NodeInterface()
    {
        Name = "Node";
        Description = "An object with a globally unique id, fetchable with `node(id:)`.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The globally unique, opaque id of the object.");
    }
}
