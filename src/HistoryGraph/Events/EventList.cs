namespace HistoryGraph.Events;

public sealed record EventList(IReadOnlyList<EventSummary> Events, int Count);
