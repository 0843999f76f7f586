namespace HistoryGraph.Conventions.Paging;

/// Where a page stands; its cursors are those of its first and last edges, encoded on request.
public sealed class PageInfo(bool hasNextPage, bool hasPreviousPage, Func<string?> startCursor, Func<string?> endCursor)
{
    public static PageInfo Of<TRow>(IReadOnlyList<Edge<TRow>> edges, bool hasNextPage, bool hasPreviousPage) =>
        new(hasNextPage, hasPreviousPage, () => edges.Count > 0 ? edges[0].Cursor : null, () => edges.Count > 0 ? edges[^1].Cursor : null);

    public bool HasNextPage { get; } = hasNextPage;
    public bool HasPreviousPage { get; } = hasPreviousPage;
    public string? StartCursor => startCursor();
    public string? EndCursor => endCursor();
}
