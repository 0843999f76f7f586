using HistoryGraph.Conventions.Filtering;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Events;

public sealed class ChangeEventFilterInputGraphType() : FilterInputGraphType<ChangeEvent>(ChangeEventQueryable.Declaration);
