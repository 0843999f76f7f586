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
        // Rewritten by every event of the entity: few indexes (fqn equality and prefixes, the
        // default order), and the snapshot is not copied here but pointed at.
        builder.HasIndex(e => e.Fqn);
        builder.HasIndex(e => e.UpdatedAt);
    }
}
