using HistoryGraph.Conventions.Filtering;

namespace HistoryGraph.Schema.Restores;

public sealed class RestoreMethodOperationFilterInputGraphType() : EnumOperationFilterInputGraphType<RestoreMethodGraphType>("RestoreMethod");
