using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HistoryGraph.Ingestion.Storage.Configurations;

public sealed class ChangeCountConfiguration : IEntityTypeConfiguration<ChangeCount>
{
    public void Configure(EntityTypeBuilder<ChangeCount> builder)
    {
        builder.ToTable("change_counts");
        // One dimension's spans over a time range are one range of the key; on PostgreSQL the
        // key's index also holds the count (see the baseline migration), so that range is read
        // from the index alone.
        builder.HasKey(c => new { c.Dimension, c.Span, c.Start, c.Key });
        // Numbers, not names: they are in every row and in the index beside it.
        builder.Property(c => c.Dimension).HasConversion<short>();
        builder.Property(c => c.Span).HasConversion<short>();
    }
}
