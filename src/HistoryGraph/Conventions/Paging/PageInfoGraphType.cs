using GraphQL.Types;

namespace HistoryGraph.Conventions.Paging;

public sealed class PageInfoGraphType : ObjectGraphType<PageInfo>
{
    public PageInfoGraphType()
    {
        Name = "PageInfo";
        Description = "Where a page stands in its connection.";
        Field<NonNullGraphType<BooleanGraphType>>("hasNextPage").Description("More items follow the last one of this page.").Resolve(c => c.Source.HasNextPage);
        Field<NonNullGraphType<BooleanGraphType>>("hasPreviousPage").Description("More items precede the first one of this page.").Resolve(c => c.Source.HasPreviousPage);
        Field<StringGraphType>("startCursor").Description("Cursor of the first item; pass it as `before` for the previous page.").Resolve(c => c.Source.StartCursor);
        Field<StringGraphType>("endCursor").Description("Cursor of the last item; pass it as `after` for the next page.").Resolve(c => c.Source.EndCursor);
    }
}
