using HistoryGraph.Conventions.Paging;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Events;

public sealed class EventsConnectionGraphType() : ConnectionGraphType<ChangeEvent, ChangeEventGraphType, EventsEdgeGraphType>("events");
