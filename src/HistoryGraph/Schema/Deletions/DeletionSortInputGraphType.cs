using HistoryGraph.Conventions;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Deletions;

public sealed class DeletionSortInputGraphType() : SortInputGraphType<Deletion>(DeletionQueryable.Declaration);
