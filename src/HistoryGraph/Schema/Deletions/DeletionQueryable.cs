using HistoryGraph.Conventions.Declarations;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Schema.Entities;

namespace HistoryGraph.Schema.Deletions;

public static class DeletionQueryable
{
    public static QueryableType<Deletion> Declaration { get; } = new QueryableType<Deletion>("Deletion", "deletions", typeof(DeletionGraphType), connection: "deletions")
        .Field("eventSequence", d => d.EventSequence, FieldKind.Long, "Sequence of the deleting event.")
        .Field("entityId", d => d.EntityId, FieldKind.Uuid, "Id of the deleted entity.")
        .Field("entityType", d => d.EntityType, FieldKind.String, "Type of the deleted entity.")
        .Field("fqn", d => d.Fqn, FieldKind.String, "Fully qualified name of the deleted entity.")
        .Field("kind", d => d.Kind, FieldKind.Enum, "SOFT or HARD.", enumType: typeof(DeletionKindGraphType))
        .Field("deletedAt", d => d.DeletedAt, FieldKind.DateTime, "When the entity was deleted.")
        .Field("deletedBy", d => d.DeletedBy, FieldKind.String, "Who deleted the entity.")
        .Field("version", d => d.Version, FieldKind.Decimal, "The entity's version when it was deleted.")
        .Field("restoredAt", d => d.RestoredAt, FieldKind.DateTime, "When a soft-deleted entity was restored (null while it is not).")
        .Field("restoredBy", d => d.RestoredBy, FieldKind.String, "Who restored it.")
        .Relation("entity", "The deleted entity in its current state.", EntityQueryable.Declaration, (row, entity) => entity.EntityId == row.EntityId,
            load: c => c.Loaders().Entities.Load(c.Source.EntityId), reads: r => r.EntityId)
        .KeyedBy(("eventSequence", SortDirection.Desc));
}
