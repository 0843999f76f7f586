using HistoryGraph.Conventions.Sorting;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Events;

public sealed class ChangeEventSortInputGraphType() : SortInputGraphType<ChangeEvent>(ChangeEventQueryable.Declaration);
