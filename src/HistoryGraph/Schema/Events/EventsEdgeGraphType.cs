using HistoryGraph.Conventions.Paging;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Events;

public sealed class EventsEdgeGraphType() : EdgeGraphType<ChangeEvent, ChangeEventGraphType>("events");
