using GraphQL.Types;

namespace HistoryGraph.Conventions.Filtering;

public sealed class DateTimeOperationFilterInputGraphType() : ComparableOperationFilterInputGraphType<DateTimeGraphType>("DateTimeOperationFilterInput", "a moment in time");
