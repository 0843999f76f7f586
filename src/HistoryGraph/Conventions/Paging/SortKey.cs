using HistoryGraph.Conventions.Declarations;

namespace HistoryGraph.Conventions.Paging;

/// One field of a page's order with its direction.
public sealed record SortKey(QueryableField Field, SortDirection Direction);
