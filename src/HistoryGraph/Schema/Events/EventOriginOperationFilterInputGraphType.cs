using HistoryGraph.Conventions.Filtering;

namespace HistoryGraph.Schema.Events;

public sealed class EventOriginOperationFilterInputGraphType() : EnumOperationFilterInputGraphType<EventOriginGraphType>("EventOrigin");
