namespace HistoryGraph.Backfill;

/// What reading OpenMetadata's event log over a window found (EventBackfill.ReadLogAsync):
/// counted as BackfillReport counts them, with the entities the window's events are about.
public sealed record EventLogReading(int Pages, int Read, int Stored, int AlreadyPresent, int Rejected, int OutsideWindow, IReadOnlySet<Guid> Entities);
