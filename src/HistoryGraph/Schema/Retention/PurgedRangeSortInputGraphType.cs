using HistoryGraph.Conventions.Sorting;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Retention;

public sealed class PurgedRangeSortInputGraphType() : SortInputGraphType<PurgedRange>(PurgedRangeQueryable.Declaration);
