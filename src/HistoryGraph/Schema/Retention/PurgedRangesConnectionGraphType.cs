using HistoryGraph.Conventions;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Retention;

public sealed class PurgedRangesConnectionGraphType() : ConnectionGraphType<PurgedRange, PurgedRangeGraphType, PurgedRangesEdgeGraphType>("purgedRanges");
