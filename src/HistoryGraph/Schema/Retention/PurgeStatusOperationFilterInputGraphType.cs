using HistoryGraph.Conventions.Filtering;

namespace HistoryGraph.Schema.Retention;

public sealed class PurgeStatusOperationFilterInputGraphType() : EnumOperationFilterInputGraphType<PurgeStatusGraphType>("PurgeStatus");
