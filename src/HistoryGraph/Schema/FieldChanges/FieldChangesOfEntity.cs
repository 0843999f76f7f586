using GraphQL.Types;
using HistoryGraph.Conventions.Extending;
using HistoryGraph.Conventions.Paging;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.FieldChanges;

/// `Entity.fieldChanges`.
public sealed class FieldChangesOfEntity : IObjectTypeExtension<TrackedEntity>
{
    public void Extend(ObjectGraphType<TrackedEntity> type)
    {
        type.NestedConnection<TrackedEntity, FieldChange, Guid>(
            "fieldChanges", "This entity's field changes, newest first unless `order` says otherwise.", FieldChangeQueryable.Declaration,
            db => db.FieldChanges, f => f.EntityId, db => db.Entities, e => e.EntityId);
    }
}
