using GraphQL;
using GraphQL.Types;
using HistoryGraph.Loading;

namespace HistoryGraph.Schema;

public static class NodeFields
{
    /// Makes the type a Node: the interface, the type check and the global `id` field.
    public static void ImplementsNode<TSource>(this ObjectGraphType<TSource> type, string typeName, Func<TSource, string> key)
    {
        type.Interface<NodeInterface>();
        type.IsTypeOf = source => source is TSource;
        type.Field<NonNullGraphType<IdGraphType>>("id").Description("The globally unique, opaque id (for `node(id:)`).")
            .Resolve(c => GlobalId.Encode(typeName, key(c.Source)));
    }

    /// The batch loaders of the request being resolved.
    public static HistoryLoaders Loaders(this IResolveFieldContext context) => context.RequestServices!.GetRequiredService<HistoryLoaders>();
}
