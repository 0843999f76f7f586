using GraphQL.Types;
using HistoryGraph.Conventions.Paging;
using HistoryGraph.Conventions.Projections;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Loading;
using HistoryGraph.Schema.Blame;
using HistoryGraph.Schema.Deletions;
using HistoryGraph.Schema.Events;
using HistoryGraph.Schema.FieldChanges;
using HistoryGraph.Schema.Scalars;
using HistoryGraph.Schema.Versions;

namespace HistoryGraph.Schema.Entities;

/// `EntityGraphType`, not `EntityTypeType`: OpenMetadata's own `entityType` is a field here.
public sealed class EntityGraphType : ObjectGraphType<TrackedEntity>
{
    public const string TypeName = "Entity";

    public EntityGraphType()
    {
        Name = TypeName;
        Description = "An OpenMetadata entity (table, dashboard, pipeline, glossary term, user, ...) in its current state: the one set by the event with the highest version.";
        this.ImplementsNode(TypeName, row => row.EntityId.ToString());
        this.ColumnsOf(EntityQueryable.Declaration);
        Field<JsonGraphType>("owners").Description("Owners: a list of user and team references.").Resolve(c => JsonText.Parse(c.Source.Owners)).Reads((TrackedEntity r) => r.Owners);
        Field<JsonGraphType>("tags").Description("Tag labels (classification tags and glossary terms).").Resolve(c => JsonText.Parse(c.Source.Tags)).Reads((TrackedEntity r) => r.Tags);
        Field<JsonGraphType>("snapshot").Description("The full entity as OpenMetadata last sent it.").Resolve(c => c.Source.SnapshotEventSequence is { } sequence ? c.Loaders().Snapshots.Load(sequence).Then(json => JsonText.Parse(json)) : null).Reads((TrackedEntity r) => r.SnapshotEventSequence);

        this.NestedConnection<TrackedEntity, EntityVersion, Guid>(
            "versions", "This entity's versions with their snapshots, newest first unless `order` says otherwise.", EntityVersionQueryable.Declaration,
            db => db.EntityVersions, v => v.EntityId, db => db.Entities, e => e.EntityId);
        this.NestedConnection<TrackedEntity, FieldChange, Guid>(
            "fieldChanges", "This entity's field changes, newest first unless `order` says otherwise.", FieldChangeQueryable.Declaration,
            db => db.FieldChanges, f => f.EntityId, db => db.Entities, e => e.EntityId);
        this.NestedConnection<TrackedEntity, ChangeEvent, Guid>(
            "events", "This entity's events, newest first unless `order` says otherwise.", ChangeEventQueryable.Declaration,
            db => db.ChangeEvents, ev => ev.EntityId, db => db.Entities, e => e.EntityId);
        this.AddBlame();
        Field<DeletionGraphType>("deletion").Description("The latest soft or hard delete of this entity, or null.")
            .Resolve(c => c.Loaders().LatestDeletions.Load(c.Source.EntityId)).Reads((TrackedEntity r) => r.EntityId);
    }
}
