using HistoryGraph.Conventions.Paging;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Retention;

public sealed class PurgeRunsConnectionGraphType() : ConnectionGraphType<PurgeRun, PurgeRunGraphType, PurgeRunsEdgeGraphType>("purgeRuns");
