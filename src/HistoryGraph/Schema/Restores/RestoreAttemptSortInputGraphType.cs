using HistoryGraph.Conventions.Sorting;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Restores;

public sealed class RestoreAttemptSortInputGraphType() : SortInputGraphType<RestoreAttempt>(RestoreAttemptQueryable.Declaration);
