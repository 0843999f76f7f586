using HistoryGraph.Schema.Scalars;

namespace HistoryGraph.Conventions.Filtering;

public sealed class UuidOperationFilterInputGraphType() : ComparableOperationFilterInputGraphType<UuidGraphType>("UuidOperationFilterInput", "a UUID");
