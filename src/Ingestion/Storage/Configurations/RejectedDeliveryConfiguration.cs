using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HistoryGraph.Ingestion.Storage.Configurations;

public sealed class RejectedDeliveryConfiguration : IEntityTypeConfiguration<RejectedDelivery>
{
    public void Configure(EntityTypeBuilder<RejectedDelivery> builder)
    {
        builder.ToTable("rejected_deliveries");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedOnAdd();
        builder.HasIndex(r => r.ReplayedAt);
    }
}
