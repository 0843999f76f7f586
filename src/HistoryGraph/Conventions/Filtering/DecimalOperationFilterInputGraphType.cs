using GraphQL.Types;

namespace HistoryGraph.Conventions.Filtering;

public sealed class DecimalOperationFilterInputGraphType() : ComparableOperationFilterInputGraphType<DecimalGraphType>("DecimalOperationFilterInput", "a decimal number");
