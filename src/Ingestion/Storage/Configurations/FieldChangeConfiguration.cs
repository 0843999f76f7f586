using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HistoryGraph.Ingestion.Storage.Configurations;

public sealed class FieldChangeConfiguration : IEntityTypeConfiguration<FieldChange>
{
    public void Configure(EntityTypeBuilder<FieldChange> builder)
    {
        builder.ToTable("field_changes");
        builder.HasKey(f => new { f.EventSequence, f.Ordinal });
        builder.Property(f => f.Category).StoredAsText();
        builder.Property(f => f.ChangeType).StoredAsText();
        // Values are JSON text, returned as they are and never searched: plain text, which
        // PostgreSQL does not parse on every insert as it would for jsonb. No foreign key to
        // the event: the writer stores both in one transaction, and a key would cost every
        // row a look-up of its event.
        // The most numerous rows: indexes only for the hot paths. An entity's field changes;
        // a category, a user, or everything, over time (the sequence completes time order, so
        // that a cursor is an index bound).
        builder.HasIndex(f => new { f.EntityId, f.EventSequence });
        builder.HasIndex(f => new { f.Category, f.ChangedAt, f.EventSequence });
        builder.HasIndex(f => new { f.ChangedBy, f.ChangedAt });
        builder.HasIndex(f => new { f.ChangedAt, f.EventSequence });
        builder.Property(f => f.SemanticChange).StoredAsRank();
        builder.HasIndex(f => new { f.ChangedAt, f.EventSequence }, "ix_field_changes_breaking").HasFilter(ModelBuilding.IsBreaking);
    }
}
