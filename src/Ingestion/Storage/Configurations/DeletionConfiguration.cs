using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HistoryGraph.Ingestion.Storage.Configurations;

public sealed class DeletionConfiguration : IEntityTypeConfiguration<Deletion>
{
    public void Configure(EntityTypeBuilder<Deletion> builder)
    {
        builder.ToTable("deletions");
        builder.HasKey(d => d.EventSequence);
        builder.Property(d => d.EventSequence).ValueGeneratedNever();
        builder.Property(d => d.Kind).StoredAsText();
        builder.HasIndex(d => new { d.EntityId, d.DeletedAt });
        builder.HasIndex(d => d.DeletedAt);
    }
}
