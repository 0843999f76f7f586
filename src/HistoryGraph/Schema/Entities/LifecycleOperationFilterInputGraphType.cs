using HistoryGraph.Conventions.Filtering;

namespace HistoryGraph.Schema.Entities;

public sealed class LifecycleOperationFilterInputGraphType() : EnumOperationFilterInputGraphType<LifecycleGraphType>("Lifecycle");
