namespace HistoryGraph.Backfill;

/// What a backfill did. Read: the events of the window that OpenMetadata's log returned (each
/// counted once, however many pages repeated it); Stored: those that were missing here and are
/// now kept; AlreadyPresent: those the history had; Rejected: items of the log that are not
/// readable ChangeEvents, kept verbatim as rejected deliveries; OutsideWindow: events after
/// `until` that the log returned too. Versions: the gap repair that followed.
public sealed record BackfillReport(
    DateTime Since,
    DateTime? Until,
    DateTime StartedAt,
    DateTime FinishedAt,
    int Pages,
    int Read,
    int Stored,
    int AlreadyPresent,
    int Rejected,
    int OutsideWindow,
    VersionRepairReport Versions);
