using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HistoryGraph.Ingestion.Storage.Configurations;

public sealed class ReconciledWindowConfiguration : IEntityTypeConfiguration<ReconciledWindow>
{
    public void Configure(EntityTypeBuilder<ReconciledWindow> builder)
    {
        builder.ToTable("reconciled_windows");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Id).ValueGeneratedOnAdd();
        // The next window starts where the last ended; completeness reads windows by time.
        builder.HasIndex(w => w.To);
        builder.HasIndex(w => w.From);
    }
}
