using HistoryGraph.Conventions;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Retention;

public sealed class PurgedRangesEdgeGraphType() : EdgeGraphType<PurgedRange, PurgedRangeGraphType>("purgedRanges");
