using HistoryGraph.Conventions.Declarations;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Schema.Entities;
using HistoryGraph.Schema.Semantics;

namespace HistoryGraph.Schema.Versions;

public static class EntityVersionQueryable
{
    public static QueryableType<EntityVersion> Declaration { get; } = new QueryableType<EntityVersion>("EntityVersion", "entity versions", typeof(EntityVersionGraphType), connection: "versions")
        .Field("entityId", v => v.EntityId, FieldKind.Uuid, "Id of the entity.")
        .Field("entityType", v => v.EntityType, FieldKind.String, "Type of the entity.")
        .Field("fqn", v => v.Fqn, FieldKind.String, "Fully qualified name of the entity at this version.")
        .Field("version", v => v.Version, FieldKind.Decimal, "The version, e.g. 0.3.")
        .Field("changedAt", v => v.ChangedAt, FieldKind.DateTime, "When this version was made.")
        .Field("changedBy", v => v.ChangedBy, FieldKind.String, "Who made this version.")
        .Field("impersonatedBy", v => v.ImpersonatedBy, FieldKind.String, "The bot or AI agent that made this version on behalf of `changedBy`; null when they made it themselves.")
        .Field("eventType", v => v.EventType, FieldKind.String, "Type of the event that made this version.")
        .Field("eventSequence", v => v.EventSequence, FieldKind.Long, "Sequence of the event that made this version.")
        .Field("semanticChange", v => v.SemanticChange, FieldKind.Enum, "The semantic step of this version: the most significant of the changes of the event that made it.", sort: true, enumType: typeof(SemanticChangeGraphType))
        .Field("breaking", v => v.SemanticChange == SemanticChange.Major, FieldKind.Boolean, "True when any change of this version is MAJOR: backward-incompatible for whoever reads the asset.", sort: false)
        .Field("lifecycle", v => v.Lifecycle, FieldKind.Enum, "ACTIVE, SOFT_DELETED or HARD_DELETED: the entity's lifecycle from this version on.", enumType: typeof(LifecycleGraphType))
        .Relation("entity", "The entity in its current state.", EntityQueryable.Declaration, (row, entity) => entity.EntityId == row.EntityId,
            load: c => c.Loaders().Entities.Load(c.Source.EntityId), reads: r => r.EntityId)
        .KeyedBy(("entityId", SortDirection.Asc), ("version", SortDirection.Desc))
        .SortedByDefault(("changedAt", SortDirection.Desc));
}
