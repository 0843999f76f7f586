using HistoryGraph.Conventions.Paging;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.FieldChanges;

public sealed class FieldChangesConnectionGraphType() : ConnectionGraphType<FieldChange, FieldChangeGraphType, FieldChangesEdgeGraphType>("fieldChanges");
