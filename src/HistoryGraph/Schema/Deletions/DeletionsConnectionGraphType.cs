using HistoryGraph.Conventions.Paging;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Deletions;

public sealed class DeletionsConnectionGraphType() : ConnectionGraphType<Deletion, DeletionGraphType, DeletionsEdgeGraphType>("deletions");
