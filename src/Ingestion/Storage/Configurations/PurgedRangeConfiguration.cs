using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HistoryGraph.Ingestion.Storage.Configurations;

public sealed class PurgedRangeConfiguration : IEntityTypeConfiguration<PurgedRange>
{
    public void Configure(EntityTypeBuilder<PurgedRange> builder)
    {
        builder.ToTable("purged_ranges");
        // A sequence is purged once, so ranges never share a start.
        builder.HasKey(r => r.FromSequence);
        builder.Property(r => r.FromSequence).ValueGeneratedNever();
        // Where complete history starts: the highest purged sequence.
        builder.HasIndex(r => r.ToSequence);
        builder.HasIndex(r => r.RunId);
    }
}
