using HistoryGraph.Conventions;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Retention;

public sealed class PurgedRangeSortInputGraphType() : SortInputGraphType<PurgedRange>(PurgedRangeQueryable.Declaration);
