using HistoryGraph.Conventions.Filtering;

namespace HistoryGraph.Schema.Deletions;

public sealed class DeletionKindOperationFilterInputGraphType() : EnumOperationFilterInputGraphType<DeletionKindGraphType>("DeletionKind");
