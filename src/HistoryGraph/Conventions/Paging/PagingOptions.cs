namespace HistoryGraph.Conventions.Paging;

public sealed class PagingOptions
{
    public const string Section = "GraphQL:Paging";

    /// Items on a page when neither first nor last is given.
    public int DefaultPageSize { get; set; } = 10;

    /// More than this in first or last is refused (Hot Chocolate's HC0051).
    public int MaxPageSize { get; set; } = 50;
}
