namespace HistoryGraph.Ingestion.Storage;

/// The key of the IDbContextFactory whose PostgreSQL connections commit without waiting for the
/// disk (synchronous_commit off), for writes that a database crash may lose at no cost but a
/// repeat: the notification dispatcher's position with the deliveries it made (lost together,
/// made again), and the record of attempts (lost, sent again). They are pooled connections of
/// their own, so the setting never reaches one that stores history, and the history's writer
/// keeps the disk's flushes to itself. On SQLite the key gives the usual factory.
public static class UnwaitedCommits
{
    public const string Key = "unwaited-commits";
}
