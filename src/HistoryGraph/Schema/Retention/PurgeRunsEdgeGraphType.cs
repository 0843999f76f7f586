using HistoryGraph.Conventions.Paging;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Retention;

public sealed class PurgeRunsEdgeGraphType() : EdgeGraphType<PurgeRun, PurgeRunGraphType>("purgeRuns");
