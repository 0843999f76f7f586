using HistoryGraph.Conventions.Paging;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Retention;

public sealed class PurgedRangesConnectionGraphType() : ConnectionGraphType<PurgedRange, PurgedRangeGraphType, PurgedRangesEdgeGraphType>("purgedRanges");
