using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HistoryGraph.Ingestion.Storage.Configurations;

public sealed class TrustedDocumentConfiguration : IEntityTypeConfiguration<TrustedDocument>
{
    public void Configure(EntityTypeBuilder<TrustedDocument> builder)
    {
        builder.ToTable("trusted_documents");
        builder.HasKey(d => d.Hash);
        builder.Property(d => d.Hash).ValueGeneratedNever();
        // Instances read what others registered since their last look.
        builder.HasIndex(d => d.RegisteredAt);
    }
}
