namespace HistoryGraph.Conventions.Paging;

/// One page of a connection. TotalCount is counted only when the query selects it.
public sealed record Connection<TRow>(IReadOnlyList<Edge<TRow>> Edges, PageInfo PageInfo, int? TotalCount);
