using GraphQL.Types;

namespace HistoryGraph.Conventions;

public sealed class DateTimeOperationFilterInputGraphType() : ComparableOperationFilterInputGraphType<DateTimeGraphType>("DateTimeOperationFilterInput", "a moment in time");
