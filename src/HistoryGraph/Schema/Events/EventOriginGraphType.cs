using GraphQL.Types;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Events;

public sealed class EventOriginGraphType : EnumerationGraphType<EventOrigin>
{
    public EventOriginGraphType()
    {
        Name = "EventOrigin";
        Description = "How an event came into the history.";
        Values["WEBHOOK"]!.Description = "Sent by OpenMetadata to the webhook.";
        Values["BACKFILL"]!.Description = "Read back from OpenMetadata's event log (`/v1/events`) by a backfill: OpenMetadata's own event, which its webhook never delivered here.";
        Values["VERSION_REPAIR"]!.Description = "Made here for a version no event brought: the entity as OpenMetadata keeps that version (`/versions/{version}`), " +
            "as an `entityUpdated` whose field changes are derived from the snapshots (`FieldChange.derived`).";
    }
}
