using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HistoryGraph.Ingestion.Storage.Configurations;

public sealed class KnownGapConfiguration : IEntityTypeConfiguration<KnownGap>
{
    public void Configure(EntityTypeBuilder<KnownGap> builder)
    {
        builder.ToTable("known_gaps");
        builder.HasKey(g => new { g.EntityId, g.BeforeVersion });
        builder.Property(g => g.Reason).StoredAsText();
        builder.HasIndex(g => g.WindowId);
    }
}
