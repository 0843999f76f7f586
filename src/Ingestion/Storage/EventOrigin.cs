namespace HistoryGraph.Ingestion.Storage;

/// How an event came into the history.
public enum EventOrigin
{
    /// Sent by OpenMetadata to the webhook.
    Webhook,
    /// Read back from OpenMetadata's own event log (`/v1/events`) by a backfill: OpenMetadata's
    /// event as it keeps it, which its webhook never delivered here.
    Backfill,
    /// Made here for a version that no event brought: the entity as OpenMetadata keeps that
    /// version (`/versions/{version}`), with field changes derived from the snapshots.
    VersionRepair,
}
