using HistoryGraph.Conventions.Filtering;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Retention;

public sealed class PurgedRangeFilterInputGraphType() : FilterInputGraphType<PurgedRange>(PurgedRangeQueryable.Declaration);
