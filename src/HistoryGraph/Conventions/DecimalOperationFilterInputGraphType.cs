using GraphQL.Types;

namespace HistoryGraph.Conventions;

public sealed class DecimalOperationFilterInputGraphType() : ComparableOperationFilterInputGraphType<DecimalGraphType>("DecimalOperationFilterInput", "a decimal number");
