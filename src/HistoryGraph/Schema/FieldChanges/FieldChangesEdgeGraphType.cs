using HistoryGraph.Conventions.Paging;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.FieldChanges;

public sealed class FieldChangesEdgeGraphType() : EdgeGraphType<FieldChange, FieldChangeGraphType>("fieldChanges");
