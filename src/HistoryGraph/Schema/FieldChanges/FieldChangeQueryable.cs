using HistoryGraph.Conventions.Declarations;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Schema.Entities;
using HistoryGraph.Schema.Events;
using HistoryGraph.Schema.Semantics;

namespace HistoryGraph.Schema.FieldChanges;

public static class FieldChangeQueryable
{
    public static QueryableType<FieldChange> Declaration { get; } = new QueryableType<FieldChange>("FieldChange", "field changes", typeof(FieldChangeGraphType), connection: "fieldChanges")
        .Field("eventSequence", f => f.EventSequence, FieldKind.Long, "Sequence of the event the change belongs to.")
        .Field("ordinal", f => f.Ordinal, FieldKind.Long, "Position of the change within its event.", filter: false)
        .Field("entityId", f => f.EntityId, FieldKind.Uuid, "Id of the entity.")
        .Field("entityType", f => f.EntityType, FieldKind.String, "Type of the entity.")
        .Field("fqn", f => f.EntityFqn, FieldKind.String, "Fully qualified name of the entity.")
        .Field("path", f => f.Path, FieldKind.String, "OpenMetadata's field path, e.g. description, columns.\"a.b\".tags.")
        .Field("field", f => f.Field, FieldKind.String, "The last part of the path, e.g. description.")
        .Field("column", f => f.Column, FieldKind.String, "The column the path points into, if any.")
        .Field("category", f => f.Category, FieldKind.Enum, "What the change is about.", enumType: typeof(FieldCategoryGraphType))
        .Field("changeType", f => f.ChangeType, FieldKind.Enum, "ADDED, UPDATED or DELETED.", enumType: typeof(ChangeTypeGraphType))
        .Field("changedAt", f => f.ChangedAt, FieldKind.DateTime, "When the change happened.")
        .Field("changedBy", f => f.ChangedBy, FieldKind.String, "Who made the change.")
        .Field("version", f => f.Version, FieldKind.Decimal, "The entity's version after the change.")
        .Field("derived", f => f.Derived, FieldKind.Boolean, "Computed from two snapshots because the event had no changeDescription.", sort: false)
        .Field("semanticChange", f => f.SemanticChange, FieldKind.Enum, "How the change affects whoever uses the asset: NONE, PATCH (documentation), MINOR (additions, classification) or MAJOR (backward-incompatible).", sort: true, enumType: typeof(SemanticChangeGraphType))
        .Field("breaking", f => f.SemanticChange == SemanticChange.Major, FieldKind.Boolean, "True when the change is MAJOR: backward-incompatible for whoever reads the asset.", sort: false)
        .Relation("entity", "The entity in its current state.", EntityQueryable.Declaration, (row, entity) => entity.EntityId == row.EntityId,
            load: c => c.Loaders().Entities.Load(c.Source.EntityId), reads: r => r.EntityId)
        .Relation("event", "The event this change belongs to.", ChangeEventQueryable.Declaration, (row, e) => e.Sequence == row.EventSequence,
            load: c => c.Loaders().Events.Load(c.Source.EventSequence), reads: r => r.EventSequence, required: true)
        .KeyedBy(("eventSequence", SortDirection.Desc), ("ordinal", SortDirection.Asc))
        // Newest first by when the change happened: a category or a user over a time window is
        // then one backward range scan of its (category | changed_by, changed_at, ...) index that
        // stops after a page, where sequence order had to read the whole window and sort it.
        .SortedByDefault(("changedAt", SortDirection.Desc));
}
