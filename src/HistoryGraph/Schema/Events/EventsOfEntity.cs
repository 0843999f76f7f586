using GraphQL.Types;
using HistoryGraph.Conventions.Extending;
using HistoryGraph.Conventions.Paging;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Events;

/// `Entity.events`.
public sealed class EventsOfEntity : IObjectTypeExtension<TrackedEntity>
{
    public void Extend(ObjectGraphType<TrackedEntity> type)
    {
        type.NestedConnection<TrackedEntity, ChangeEvent, Guid>(
            "events", "This entity's events, newest first unless `order` says otherwise.", ChangeEventQueryable.Declaration,
            db => db.ChangeEvents, ev => ev.EntityId, db => db.Entities, e => e.EntityId);
    }
}
