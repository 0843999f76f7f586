using HistoryGraph.Conventions.Filtering;

namespace HistoryGraph.Schema.Semantics;

public sealed class SemanticChangeOperationFilterInputGraphType() : EnumOperationFilterInputGraphType<SemanticChangeGraphType>("SemanticChange");
