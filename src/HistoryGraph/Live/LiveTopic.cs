using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Live;

/// What one subscription field streams: Select picks the row an event gives the subscriber
/// (null when the event does not match its arguments), evaluated in memory on the live path;
/// Replay is the same condition in SQL, for reading stored events after a sequence.
public sealed record LiveTopic(Func<LiveEvent, object?> Select, Func<HistoryDbContext, IQueryable<ChangeEvent>> Replay);
