using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HistoryGraph.Ingestion.Storage.Configurations;

public sealed class LogTileConfiguration : IEntityTypeConfiguration<LogTile>
{
    public void Configure(EntityTypeBuilder<LogTile> builder)
    {
        builder.ToTable("log_tiles");
        builder.HasKey(t => new { t.Level, t.Index, t.Offset });
        builder.Property(t => t.Level).ValueGeneratedNever();
        builder.Property(t => t.Index).ValueGeneratedNever();
        builder.Property(t => t.Offset).ValueGeneratedNever();
    }
}
