using HistoryGraph.Conventions.Sorting;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Entities;

public sealed class EntitySortInputGraphType() : SortInputGraphType<TrackedEntity>(EntityQueryable.Declaration);
