using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HistoryGraph.Ingestion.Storage.Configurations;

public sealed class ChangeCountConfiguration : IEntityTypeConfiguration<ChangeCount>
{
    public void Configure(EntityTypeBuilder<ChangeCount> builder)
    {
        builder.ToTable("change_counts");
        // One dimension over a time range is one range of the key; on PostgreSQL the key's
        // index also holds the count (the ChangeCounts migration), so that range is read from the
        // index alone.
        builder.HasKey(c => new { c.Dimension, c.QuarterStart, c.Key });
        // A number, not the name: the key is in every row and in the index beside it.
        builder.Property(c => c.Dimension).HasConversion<short>();
    }
}
