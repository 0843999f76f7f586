using HistoryGraph.Conventions.Paging;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Restores;

public sealed class RestoreAttemptsConnectionGraphType() : ConnectionGraphType<RestoreAttempt, RestoreAttemptGraphType, RestoreAttemptsEdgeGraphType>("restoreAttempts");
