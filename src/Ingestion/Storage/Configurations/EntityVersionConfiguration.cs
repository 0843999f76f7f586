using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HistoryGraph.Ingestion.Storage.Configurations;

public sealed class EntityVersionConfiguration : IEntityTypeConfiguration<EntityVersion>
{
    public void Configure(EntityTypeBuilder<EntityVersion> builder)
    {
        builder.ToTable("entity_versions");
        builder.HasKey(v => new { v.EntityId, v.Version });
        // Versions over time, and an entity's history page (its versions, newest first).
        builder.HasIndex(v => v.ChangedAt);
        builder.HasIndex(v => new { v.EntityId, v.ChangedAt });
        // The entity that had a name at an instant (time travel by fqn), and prefixes over time.
        builder.HasIndex(v => new { v.Fqn, v.ChangedAt });
        builder.Property(v => v.Lifecycle).StoredAsText();
        builder.Property(v => v.SemanticChange).StoredAsRank();
        builder.HasIndex(v => v.ChangedAt, "ix_entity_versions_breaking").HasFilter(ModelBuilding.IsBreaking);
        // Versions an agent made: few, so only they are indexed.
        builder.HasIndex(v => new { v.ImpersonatedBy, v.ChangedAt }).HasFilter("impersonated_by IS NOT NULL");
    }
}
