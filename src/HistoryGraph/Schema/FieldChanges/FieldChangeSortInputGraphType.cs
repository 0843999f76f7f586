using HistoryGraph.Conventions.Sorting;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.FieldChanges;

public sealed class FieldChangeSortInputGraphType() : SortInputGraphType<FieldChange>(FieldChangeQueryable.Declaration);
