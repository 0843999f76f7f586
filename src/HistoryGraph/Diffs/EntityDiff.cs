using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Diffs;

/// Two versions of one entity and what differs between their snapshots.
public sealed record EntityDiff(EntityVersion From, EntityVersion To, IReadOnlyList<FieldDiff> Changes, string JsonPatch)
{
    /// The most significant of the changes (NONE when there are none).
    public SemanticChange SemanticChange => Changes.Count == 0 ? SemanticChange.None : Changes.Max(c => c.SemanticChange);
}
