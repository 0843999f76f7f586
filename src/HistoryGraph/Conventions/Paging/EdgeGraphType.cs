using GraphQL.Types;

namespace HistoryGraph.Conventions.Paging;

/// `<Field>Edge { cursor node }`.
public abstract class EdgeGraphType<TRow, TNodeGraphType> : ObjectGraphType<Edge<TRow>> where TNodeGraphType : IGraphType
{
    protected EdgeGraphType(string fieldName)
    {
        Name = $"{char.ToUpperInvariant(fieldName[0])}{fieldName[1..]}Edge";
        Description = $"An item of `{fieldName}` with its cursor.";
        Field<NonNullGraphType<StringGraphType>>("cursor").Description("Opaque cursor of this item, for `after` and `before`.").Resolve(c => c.Source.Cursor);
        Field<NonNullGraphType<TNodeGraphType>>("node").Description("The item.").Resolve(c => c.Source.Node);
    }
}
