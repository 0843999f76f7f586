using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HistoryGraph.Ingestion.Storage.Configurations;

public sealed class LogCheckpointConfiguration : IEntityTypeConfiguration<LogCheckpoint>
{
    public void Configure(EntityTypeBuilder<LogCheckpoint> builder)
    {
        builder.ToTable("log_checkpoints");
        builder.HasKey(c => c.Id);
        // One checkpoint per tree size and key: instances signing at once store it once.
        builder.HasIndex(c => new { c.TreeSize, c.KeyHash }).IsUnique();
        builder.HasIndex(c => c.CreatedAt);
    }
}
