using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Transparency;

/// A bundled event's field change, as stored.
public sealed record BundledFieldChange(
    int Ordinal, Guid EntityId, string EntityType, string? EntityFqn, string Path, string Field, string? Column, FieldCategory Category, ChangeType ChangeType,
    string? OldValue, string? NewValue, DateTime ChangedAt, string? ChangedBy, decimal? Version, bool Derived, SemanticChange SemanticChange)
{
    public static BundledFieldChange Of(FieldChange f) => new(f.Ordinal, f.EntityId, f.EntityType, f.EntityFqn, f.Path, f.Field, f.Column, f.Category, f.ChangeType,
        f.OldValue, f.NewValue, f.ChangedAt, f.ChangedBy, f.Version, f.Derived, f.SemanticChange);

    public FieldChange ToRow(long sequence) => new()
    {
        EventSequence = sequence, Ordinal = Ordinal, EntityId = EntityId, EntityType = EntityType, EntityFqn = EntityFqn, Path = Path, Field = Field, Column = Column,
        Category = Category, ChangeType = ChangeType, OldValue = OldValue, NewValue = NewValue, ChangedAt = ChangedAt, ChangedBy = ChangedBy, Version = Version,
        Derived = Derived, SemanticChange = SemanticChange,
    };
}
