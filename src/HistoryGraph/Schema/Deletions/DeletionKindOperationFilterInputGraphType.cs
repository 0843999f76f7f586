using HistoryGraph.Conventions;

namespace HistoryGraph.Schema.Deletions;

public sealed class DeletionKindOperationFilterInputGraphType() : EnumOperationFilterInputGraphType<DeletionKindGraphType>("DeletionKind");
