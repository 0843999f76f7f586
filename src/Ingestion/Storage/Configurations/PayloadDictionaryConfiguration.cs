using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HistoryGraph.Ingestion.Storage.Configurations;

public sealed class PayloadDictionaryConfiguration : IEntityTypeConfiguration<PayloadDictionary>
{
    public void Configure(EntityTypeBuilder<PayloadDictionary> builder)
    {
        builder.ToTable("payload_dictionaries");
        builder.HasKey(d => d.Key);
        // The key is the content's hash, chosen by the writer, never by the database.
        builder.Property(d => d.Key).ValueGeneratedNever();
        builder.Ignore(d => d.Ratio);
        builder.Ignore(d => d.BrotliRatio);
    }
}
