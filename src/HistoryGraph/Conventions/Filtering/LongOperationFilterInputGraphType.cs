using GraphQL.Types;

namespace HistoryGraph.Conventions.Filtering;

public sealed class LongOperationFilterInputGraphType() : ComparableOperationFilterInputGraphType<LongGraphType>("LongOperationFilterInput", "a 64-bit integer");
