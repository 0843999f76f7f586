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
        builder.Property(f => f.OldValue).IsJson();
        builder.Property(f => f.NewValue).IsJson();
        builder.HasOne<ChangeEvent>().WithMany().HasForeignKey(f => f.EventSequence);
        // An entity's field changes, newest first (the default order is by event sequence).
        builder.HasIndex(f => new { f.EntityId, f.EventSequence });
        builder.HasIndex(f => new { f.Category, f.ChangedAt });
        builder.HasIndex(f => new { f.Path, f.ChangedAt });
        builder.HasIndex(f => new { f.ChangedBy, f.ChangedAt });
        builder.HasIndex(f => f.ChangedAt);
    }
}
