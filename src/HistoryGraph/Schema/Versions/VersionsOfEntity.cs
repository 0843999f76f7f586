using GraphQL.Types;
using HistoryGraph.Conventions.Extending;
using HistoryGraph.Conventions.Paging;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Versions;

/// `Entity.versions`.
public sealed class VersionsOfEntity : IObjectTypeExtension<TrackedEntity>
{
    public void Extend(ObjectGraphType<TrackedEntity> type)
    {
        type.NestedConnection<TrackedEntity, EntityVersion, Guid>(
            "versions", "This entity's versions with their snapshots, newest first unless `order` says otherwise.", EntityVersionQueryable.Declaration,
            db => db.EntityVersions, v => v.EntityId, db => db.Entities, e => e.EntityId);
    }
}
