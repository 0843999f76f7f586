namespace HistoryGraph.Ingestion.Storage;

/// What a caller may do. Reader: read the history on every surface (queries, subscriptions,
/// `/events`, the IDE). Admin: everything a reader may, and mutations, exports, notification
/// targets and deliveries, restore attempts, purge and backfill runs, key management. Ingest:
/// deliver webhooks, nothing else.
public enum AccessRole
{
    Reader,
    Admin,
    Ingest,
}
