using HistoryGraph.Conventions.Sorting;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Retention;

public sealed class PurgeRunSortInputGraphType() : SortInputGraphType<PurgeRun>(PurgeRunQueryable.Declaration);
