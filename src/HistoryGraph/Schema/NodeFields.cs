using System.Linq.Expressions;
using GraphQL;
using GraphQL.Types;
using HistoryGraph.Conventions.Projections;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Loading;
using Microsoft.EntityFrameworkCore;

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
            .ResolveFromRow(row => GlobalId.Encode(typeName, key(row)), keyExpression);
    }

    /// The store's context factory, for a resolver that queries on its own.
    public static IDbContextFactory<HistoryDbContext> Contexts(this IResolveFieldContext context) =>
        context.RequestServices!.GetRequiredService<IDbContextFactory<HistoryDbContext>>();

    /// The entity a fully qualified name finds now: one not hard-deleted first (a name reused
    /// after a hard delete), else the one changed last.
    public static IQueryable<TrackedEntity> NowNamed(this IQueryable<TrackedEntity> entities) =>
        entities.OrderBy(e => e.Lifecycle == Lifecycle.HardDeleted).ThenByDescending(e => e.UpdatedAt);

    /// The batch loaders of the request being resolved.
    public static HistoryLoaders Loaders(this IResolveFieldContext context) => context.RequestServices!.GetRequiredService<HistoryLoaders>();
}
