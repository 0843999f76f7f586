using HistoryGraph.Conventions.Paging;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Deletions;

public sealed class DeletionsEdgeGraphType() : EdgeGraphType<Deletion, DeletionGraphType>("deletions");
