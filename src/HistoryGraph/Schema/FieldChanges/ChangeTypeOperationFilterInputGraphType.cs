using HistoryGraph.Conventions.Filtering;

namespace HistoryGraph.Schema.FieldChanges;

public sealed class ChangeTypeOperationFilterInputGraphType() : EnumOperationFilterInputGraphType<ChangeTypeGraphType>("ChangeType");
