using GraphQL.Types;

namespace HistoryGraph.Conventions;

public sealed class LongOperationFilterInputGraphType() : ComparableOperationFilterInputGraphType<LongGraphType>("LongOperationFilterInput", "a 64-bit integer");
