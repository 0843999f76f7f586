using HistoryGraph.Conventions;

namespace HistoryGraph.Schema.FieldChanges;

public sealed class FieldCategoryOperationFilterInputGraphType() : EnumOperationFilterInputGraphType<FieldCategoryGraphType>("FieldCategory");
