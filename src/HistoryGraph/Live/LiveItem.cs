namespace HistoryGraph.Live;

/// One value of a subscription's stream: the row the field resolves to, with the feed event
/// it came from (whose related rows answer the selection without asking the database).
public sealed record LiveItem(LiveEvent Event, object Row);
