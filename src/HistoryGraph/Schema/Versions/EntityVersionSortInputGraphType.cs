using HistoryGraph.Conventions.Sorting;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Versions;

public sealed class EntityVersionSortInputGraphType() : SortInputGraphType<EntityVersion>(EntityVersionQueryable.Declaration);
