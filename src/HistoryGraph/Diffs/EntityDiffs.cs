using System.Text.Json;
using HistoryGraph.Ingestion.History;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Diffs;

/// What differs between two stored versions of an entity, classified as the field changes
/// OpenMetadata sends are, with the JSON Patch from one snapshot to the other.
public static class EntityDiffs
{
    public static EntityDiff Compare(EntityVersion from, string fromSnapshot, EntityVersion to, string toSnapshot)
    {
        using var older = JsonDocument.Parse(fromSnapshot);
        using var newer = JsonDocument.Parse(toSnapshot);
        var changes = SnapshotDiff.Diff(older.RootElement, newer.RootElement).Select(change =>
        {
            var classification = FieldChangeClassifier.Classify(change.Path, to.EntityType, change.OldValueJson, change.NewValueJson);
            return new FieldDiff(change.Path, classification.Field, classification.Column, classification.Category, change.ChangeType,
                change.OldValueJson, change.NewValueJson, SemanticChangeClassifier.Classify(change.Path, change.ChangeType, classification));
        }).ToList();
        return new EntityDiff(from, to, changes, SnapshotPatch.Create(older.RootElement, newer.RootElement));
    }
}
