using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Diffs;

/// One difference between two snapshots of an entity. Values are JSON text as the snapshots hold them.
public sealed record FieldDiff(
    string Path, string Field, string? Column, FieldCategory Category, ChangeType ChangeType,
    string? OldValue, string? NewValue, SemanticChange SemanticChange);
