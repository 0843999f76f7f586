using HistoryGraph.Conventions.Filtering;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.FieldChanges;

public sealed class FieldChangeFilterInputGraphType() : FilterInputGraphType<FieldChange>(FieldChangeQueryable.Declaration);
