using GraphQL.Types;

namespace HistoryGraph.Conventions.Paging;

/// `<Field>Connection { pageInfo edges nodes totalCount }`, named after the field as Hot
/// Chocolate names it.
public abstract class ConnectionGraphType<TRow, TNodeGraphType, TEdgeGraphType> : ObjectGraphType<Connection<TRow>>
    where TNodeGraphType : IGraphType where TEdgeGraphType : IGraphType
{
    protected ConnectionGraphType(string fieldName)
    {
        Name = $"{char.ToUpperInvariant(fieldName[0])}{fieldName[1..]}Connection";
        Description = $"A page of `{fieldName}`.";
        Field<NonNullGraphType<PageInfoGraphType>>("pageInfo").Description("Where this page stands.").Resolve(c => c.Source.PageInfo);
        Field<ListGraphType<NonNullGraphType<TEdgeGraphType>>>("edges").Description("The items with their cursors.").Resolve(c => c.Source.Edges);
        Field<ListGraphType<NonNullGraphType<TNodeGraphType>>>("nodes").Description("The items.").Resolve(c => c.Source.Edges.Select(e => e.Node));
        Field<NonNullGraphType<IntGraphType>>("totalCount").Description("How many items match the filter, on all pages (counted only when asked for).").Resolve(c => c.Source.TotalCount ?? 0);
    }
}
