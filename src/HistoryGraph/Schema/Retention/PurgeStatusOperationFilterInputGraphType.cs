using HistoryGraph.Conventions;

namespace HistoryGraph.Schema.Retention;

public sealed class PurgeStatusOperationFilterInputGraphType() : EnumOperationFilterInputGraphType<PurgeStatusGraphType>("PurgeStatus");
