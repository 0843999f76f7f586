using HistoryGraph.Conventions;

namespace HistoryGraph.Schema.Semantics;

public sealed class SemanticChangeOperationFilterInputGraphType() : EnumOperationFilterInputGraphType<SemanticChangeGraphType>("SemanticChange");
