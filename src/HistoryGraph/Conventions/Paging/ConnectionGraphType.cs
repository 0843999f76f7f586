using GraphQL.Resolvers;
using GraphQL.Types;
using HistoryGraph.Conventions.Declarations;

namespace HistoryGraph.Conventions.Paging;

/// `<Field>Connection { pageInfo edges nodes totalCount }`, named after the field the
/// declaration names, as Hot Chocolate names it.
public sealed class ConnectionGraphType<TRow> : ObjectGraphType<Connection<TRow>>
{
    public ConnectionGraphType(QueryableType<TRow> declaration)
    {
        var fieldName = declaration.ConnectionName ?? throw new InvalidOperationException($"{declaration.TypeName} names no connection.");
        Name = $"{char.ToUpperInvariant(fieldName[0])}{fieldName[1..]}Connection";
        Description = $"A page of `{fieldName}`.";
        Field<NonNullGraphType<PageInfoGraphType>>("pageInfo").Description("Where this page stands.").Resolve(c => c.Source.PageInfo);
        Field<ListGraphType<NonNullGraphType<EdgeGraphType<TRow>>>>("edges").Description("The items with their cursors.").Resolve(c => c.Source.Edges);
        AddField(new FieldType
        {
            Name = "nodes",
            Description = "The items.",
            Type = typeof(ListGraphType<>).MakeGenericType(typeof(NonNullGraphType<>).MakeGenericType(declaration.GraphType)),
            Resolver = new FuncFieldResolver<Connection<TRow>, object?>(c => c.Source.Edges.Select(e => e.Node)),
        });
        Field<NonNullGraphType<IntGraphType>>("totalCount").Description("How many items match the filter, on all pages (counted only when asked for).").Resolve(c => c.Source.TotalCount ?? 0);
    }
}
