using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HistoryGraph.Ingestion.Storage.Configurations;

public sealed class RestoreAttemptConfiguration : IEntityTypeConfiguration<RestoreAttempt>
{
    public void Configure(EntityTypeBuilder<RestoreAttempt> builder)
    {
        builder.ToTable("restore_attempts");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedOnAdd();
        builder.Property(r => r.Method).StoredAsText();
        builder.HasIndex(r => new { r.EntityId, r.Id });
    }
}
