using HistoryGraph.Conventions;

namespace HistoryGraph.Schema.FieldChanges;

public sealed class ChangeTypeOperationFilterInputGraphType() : EnumOperationFilterInputGraphType<ChangeTypeGraphType>("ChangeType");
