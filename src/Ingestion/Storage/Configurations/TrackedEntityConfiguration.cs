using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HistoryGraph.Ingestion.Storage.Configurations;

public sealed class TrackedEntityConfiguration : IEntityTypeConfiguration<TrackedEntity>
{
    public void Configure(EntityTypeBuilder<TrackedEntity> builder)
    {
        builder.ToTable("entities");
        builder.HasKey(e => e.EntityId);
        builder.Property(e => e.Lifecycle).StoredAsText();
        builder.Property(e => e.Owners).IsJson();
        builder.Property(e => e.Tags).IsJson();
        builder.Property(e => e.Snapshot).IsJson();
        builder.HasIndex(e => e.Fqn);
        builder.HasIndex(e => new { e.EntityType, e.Fqn });
        builder.HasIndex(e => e.UpdatedAt);
        builder.HasIndex(e => new { e.Lifecycle, e.UpdatedAt });
    }
}
