using HistoryGraph.Conventions.Declarations;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Entities;

public static class EntityQueryable
{
    public static QueryableType<TrackedEntity> Declaration { get; } = new QueryableType<TrackedEntity>("Entity", "entities", typeof(EntityGraphType), connection: "entities")
        .Field("entityId", e => e.EntityId, FieldKind.Uuid, "OpenMetadata's id of the entity.")
        .Field("entityType", e => e.EntityType, FieldKind.String, "OpenMetadata's entity type, e.g. table, dashboard, glossaryTerm.")
        .Field("fqn", e => e.Fqn, FieldKind.String, "Fully qualified name; parts that contain a dot are double-quoted.")
        .Field("name", e => e.Name, FieldKind.String, "Name.")
        .Field("displayName", e => e.DisplayName, FieldKind.String, "Display name.")
        .Field("description", e => e.Description, FieldKind.String, "Description (Markdown).", sort: false)
        .Field("tier", e => e.Tier, FieldKind.String, "The tier tag, e.g. Tier.Tier1.")
        .Field("tagFqns", e => e.TagFqns, FieldKind.StringList, "FQNs of the entity's tags and glossary terms, e.g. PII.Sensitive.")
        .Field("ownerNames", e => e.OwnerNames, FieldKind.StringList, "Names of the entity's owners (users and teams).")
        .Field("followerNames", e => e.FollowerNames, FieldKind.StringList, "Names of the users who follow the entity.")
        .Field("service", e => e.Service, FieldKind.String, "Fully qualified name of the service the entity belongs to.")
        .Field("version", e => e.Version, FieldKind.Decimal, "Current version, e.g. 0.3 (minor steps for edits, major for incompatible schema changes).")
        .Field("lifecycle", e => e.Lifecycle, FieldKind.Enum, "ACTIVE, SOFT_DELETED or HARD_DELETED.", enumType: typeof(LifecycleGraphType))
        .Field("createdAt", e => e.CreatedAt, FieldKind.DateTime, "When the entity was created (its earliest event).")
        .Field("createdBy", e => e.CreatedBy, FieldKind.String, "Who created the entity.")
        .Field("updatedAt", e => e.UpdatedAt, FieldKind.DateTime, "When the entity was last changed.")
        .Field("updatedBy", e => e.UpdatedBy, FieldKind.String, "Who changed the entity last.")
        .KeyedBy(("entityId", SortDirection.Asc))
        .SortedByDefault(("updatedAt", SortDirection.Desc));
}
