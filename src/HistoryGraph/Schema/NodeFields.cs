using System.Linq.Expressions;
using GraphQL;
using GraphQL.Types;
using HistoryGraph.Conventions;
using HistoryGraph.Loading;

namespace HistoryGraph.Schema;

public static class NodeFields
{
    /// Makes the type a Node: the interface, the type check and the global `id` field.
    public static void ImplementsNode<TSource>(this ObjectGraphType<TSource> type, string typeName, Expression<Func<TSource, string>> keyExpression)
    {
        var key = keyExpression.Compile();
        type.Interface<NodeInterface>();
        type.IsTypeOf = source => source is TSource;
        type.Field<NonNullGraphType<IdGraphType>>("id").Description("The globally unique, opaque id (for `node(id:)`).")
            .Resolve(c => GlobalId.Encode(typeName, key(c.Source))).Reads(keyExpression);
    }

    /// The batch loaders of the request being resolved.
    public static HistoryLoaders Loaders(this IResolveFieldContext context) => context.RequestServices!.GetRequiredService<HistoryLoaders>();
}
