using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HistoryGraph.Ingestion.Storage.Configurations;

public sealed class CompletedDataMigrationConfiguration : IEntityTypeConfiguration<CompletedDataMigration>
{
    public void Configure(EntityTypeBuilder<CompletedDataMigration> builder)
    {
        builder.ToTable("completed_data_migrations");
        builder.HasKey(m => m.Name);
        builder.Property(m => m.Name).ValueGeneratedNever();
    }
}
