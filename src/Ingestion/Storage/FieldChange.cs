namespace HistoryGraph.Ingestion.Storage;

/// One FieldChange of an event. Entity and actor columns are copied from the event so that
/// the common filters (by entity, category, path, user, time) need no join.
public sealed class FieldChange
{
    public long EventSequence { get; set; }
    public int Ordinal { get; set; }
    public Guid EntityId { get; set; }
    public required string EntityType { get; set; }
    public string? EntityFqn { get; set; }
    public required string Path { get; set; }
    public required string Field { get; set; }
    public string? Column { get; set; }
    public FieldCategory Category { get; set; }
    public ChangeType ChangeType { get; set; }
    public string? OldValue { get; set; }
    public string? NewValue { get; set; }
    public DateTime ChangedAt { get; set; }
    public string? ChangedBy { get; set; }
    public decimal? Version { get; set; }
    /// True when computed from two snapshots because the event had no changeDescription.
    public bool Derived { get; set; }
    public SemanticChange SemanticChange { get; set; }
}
