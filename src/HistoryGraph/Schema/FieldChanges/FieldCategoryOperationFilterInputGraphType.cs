using HistoryGraph.Conventions.Filtering;

namespace HistoryGraph.Schema.FieldChanges;

public sealed class FieldCategoryOperationFilterInputGraphType() : EnumOperationFilterInputGraphType<FieldCategoryGraphType>("FieldCategory");
