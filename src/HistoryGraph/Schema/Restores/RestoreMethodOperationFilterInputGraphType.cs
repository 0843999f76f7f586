using HistoryGraph.Conventions;

namespace HistoryGraph.Schema.Restores;

public sealed class RestoreMethodOperationFilterInputGraphType() : EnumOperationFilterInputGraphType<RestoreMethodGraphType>("RestoreMethod");
