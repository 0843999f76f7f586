using HistoryGraph.Conventions.Declarations;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Schema.Entities;
using HistoryGraph.Schema.FieldChanges;
using HistoryGraph.Schema.Semantics;
using HistoryGraph.Schema.Users;

namespace HistoryGraph.Schema.Events;

/// What can be filtered and sorted on events: the declaration behind ChangeEventFilterInput,
/// ChangeEventSortInput and the events connection's SQL.
public static class ChangeEventQueryable
{
    public static QueryableType<ChangeEvent> Declaration { get; } = new QueryableType<ChangeEvent>("ChangeEvent", "change events", typeof(ChangeEventGraphType), connection: "events")
        .Field("sequence", e => e.Sequence, FieldKind.Long, "Position in the order events were stored (gap-free, increasing).")
        .Field("eventId", e => e.EventKey, FieldKind.String, "OpenMetadata's event id (for id-less 0.x events a key made from entity, type, version and time).")
        .Field("eventType", e => e.EventType, FieldKind.String, "OpenMetadata's event type, e.g. entityUpdated, entitySoftDeleted. A string, so that new types never break the API.")
        .Field("entityType", e => e.EntityType, FieldKind.String, "Type of the entity the event is about.")
        .Field("entityId", e => e.EntityId, FieldKind.Uuid, "Id of the entity the event is about.", sort: false)
        .Field("fqn", e => e.EntityFqn, FieldKind.String, "Fully qualified name of the entity when the event was raised.")
        .Field("userName", e => e.UserName, FieldKind.String, "Who made the change.")
        .Field("impersonatedBy", e => e.ImpersonatedBy, FieldKind.String, "The bot or AI agent that made the change on behalf of `userName` (OpenMetadata's `impersonatedBy`); null when the user made it themselves.")
        .Field("timestamp", e => e.Timestamp, FieldKind.DateTime, "When OpenMetadata says the change happened.")
        .Field("receivedAt", e => e.ReceivedAt, FieldKind.DateTime, "When HistoryGraph received the event.")
        .Field("previousVersion", e => e.PreviousVersion, FieldKind.Decimal, "The entity's version before the change.")
        .Field("currentVersion", e => e.CurrentVersion, FieldKind.Decimal, "The entity's version after the change.")
        .Field("semanticChange", e => e.SemanticChange, FieldKind.Enum, "The most significant step of the event's field changes (a create or hard delete without changes: MINOR; no changes: NONE).", sort: true, enumType: typeof(SemanticChangeGraphType))
        .Field("breaking", e => e.SemanticChange == SemanticChange.Major, FieldKind.Boolean, "True when any of the event's changes is MAJOR: backward-incompatible for whoever reads the asset.", sort: false)
        .Field("origin", e => e.Origin, FieldKind.Enum, "WEBHOOK, or BACKFILL (read from OpenMetadata's event log), or VERSION_REPAIR (made from a version OpenMetadata keeps).", enumType: typeof(EventOriginGraphType))
        .Relation("entity", "The entity in its current state (null for events about no entity, such as threads).", EntityQueryable.Declaration,
            (row, entity) => entity.EntityId == row.EntityId, load: c => c.Loaders().Entities.Load(c.Source.EntityId), reads: r => r.EntityId)
        .Relation("user", "The user or bot that made the change: `user: { isBot: { eq: false } }` leaves bots out.", UserQueryable.Declaration,
            (row, user) => user.Name == row.UserName, load: c => c.Source.UserName is { } name ? c.Loaders().Users.Load(name) : null, reads: r => r.UserName)
        .Relation("fieldChanges", "The fields this event changed; a filter on them keeps the events with at least one that matches: `fieldChanges: { category: { in: [TAGS, OWNERSHIP] } }`.",
            () => FieldChangeQueryable.Declaration, (row, change) => change.EventSequence == row.Sequence,
            load: c => c.Loaders().FieldChangesOfEvents.Load(c.Source.Sequence), reads: r => r.Sequence, many: true)
        .KeyedBy(("sequence", SortDirection.Desc));
}
