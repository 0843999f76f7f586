using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HistoryGraph.Ingestion.Storage.Configurations;

public sealed class LogSigningKeyConfiguration : IEntityTypeConfiguration<LogSigningKey>
{
    public void Configure(EntityTypeBuilder<LogSigningKey> builder)
    {
        builder.ToTable("log_signing_keys");
        builder.HasKey(k => k.Id);
    }
}
