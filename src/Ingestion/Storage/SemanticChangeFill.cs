using HistoryGraph.Ingestion.History;

namespace HistoryGraph.Ingestion.Storage;

/// The statements that give rows stored before semantic steps existed their step, by the same
/// rules the writer applies (SemanticChangeClassifier): field changes first, then each event
/// from its field changes, then each version from the event that made it. Run by the
/// SemanticChanges migration on both providers; rows already NONE by the rules are not rewritten.
public static class SemanticChangeFill
{
    public static IEnumerable<string> Statements()
    {
        var fieldChangeStep = SemanticChangeClassifier.SqlCase(ModelBuilding.ToUpperSnake);
        yield return $"UPDATE field_changes SET semantic_change = {fieldChangeStep} WHERE {fieldChangeStep} <> {(int)SemanticChange.None}";
        var eventStep = SemanticChangeClassifier.SqlOfEvent();
        yield return $"UPDATE change_events SET semantic_change = {eventStep} WHERE {eventStep} <> {(int)SemanticChange.None}";
        yield return "UPDATE entity_versions SET semantic_change = (SELECT e.semantic_change FROM change_events e WHERE e.sequence = entity_versions.event_sequence) " +
            $"WHERE EXISTS (SELECT 1 FROM change_events e WHERE e.sequence = entity_versions.event_sequence AND e.semantic_change <> {(int)SemanticChange.None})";
    }
}
