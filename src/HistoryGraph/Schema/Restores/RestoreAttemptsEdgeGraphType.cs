using HistoryGraph.Conventions.Paging;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Restores;

public sealed class RestoreAttemptsEdgeGraphType() : EdgeGraphType<RestoreAttempt, RestoreAttemptGraphType>("restoreAttempts");
