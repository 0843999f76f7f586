using HistoryGraph.Conventions;

namespace HistoryGraph.Schema.Entities;

public sealed class LifecycleOperationFilterInputGraphType() : EnumOperationFilterInputGraphType<LifecycleGraphType>("Lifecycle");
