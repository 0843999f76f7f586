using HistoryGraph.Conventions;

namespace HistoryGraph.Schema.Events;

public sealed class EventOriginOperationFilterInputGraphType() : EnumOperationFilterInputGraphType<EventOriginGraphType>("EventOrigin");
