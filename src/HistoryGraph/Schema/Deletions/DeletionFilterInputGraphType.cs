using HistoryGraph.Conventions.Filtering;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Deletions;

public sealed class DeletionFilterInputGraphType() : FilterInputGraphType<Deletion>(DeletionQueryable.Declaration);
