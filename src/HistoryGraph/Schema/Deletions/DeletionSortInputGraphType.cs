using HistoryGraph.Conventions.Sorting;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Deletions;

public sealed class DeletionSortInputGraphType() : SortInputGraphType<Deletion>(DeletionQueryable.Declaration);
