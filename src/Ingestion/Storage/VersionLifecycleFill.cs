using HistoryGraph.Ingestion.History;
using HistoryGraph.Ingestion.OpenMetadata;

namespace HistoryGraph.Ingestion.Storage;

/// The statements that give versions stored before they had a lifecycle theirs, as the writer
/// decides it: deletes and restores by their event type, other versions soft-deleted while a
/// soft delete of the entity was open at their time (the snapshots' `deleted` flags are inside
/// compressed payloads, out of SQL's reach). Run by the VersionLifecycles migration.
public static class VersionLifecycleFill
{
    public static IEnumerable<string> Statements()
    {
        string Text(Enum value) => ModelBuilding.ToUpperSnake(value.ToString());
        yield return $"UPDATE entity_versions SET lifecycle = '{Text(Lifecycle.HardDeleted)}' WHERE event_type = '{EventTypes.EntityDeleted}'";
        yield return $"""
            UPDATE entity_versions SET lifecycle = '{Text(Lifecycle.SoftDeleted)}'
            WHERE event_type = '{EventTypes.EntitySoftDeleted}'
               OR (event_type NOT IN ('{EventTypes.EntityDeleted}', '{EventTypes.EntityRestored}') AND EXISTS (
                   SELECT 1 FROM deletions d
                   WHERE d.entity_id = entity_versions.entity_id AND d.kind = '{Text(DeletionKind.Soft)}' AND d.deleted_at <= entity_versions.changed_at
                     AND (d.restored_at IS NULL OR d.restored_at > entity_versions.changed_at)))
            """;
    }
}
