using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HistoryGraph.Ingestion.Storage.Configurations;

public sealed class ChangeEventConfiguration : IEntityTypeConfiguration<ChangeEvent>
{
    public void Configure(EntityTypeBuilder<ChangeEvent> builder)
    {
        builder.ToTable("change_events");
        builder.HasKey(e => e.Sequence);
        builder.Property(e => e.Sequence).ValueGeneratedNever();
        builder.Property(e => e.Payload).IsJson();
        builder.HasIndex(e => e.EventKey).IsUnique();
        builder.HasIndex(e => new { e.EntityId, e.Sequence });
        builder.HasIndex(e => e.Timestamp);
        builder.HasIndex(e => e.EntityFqn);
        builder.HasIndex(e => new { e.UserName, e.Timestamp });
        builder.HasIndex(e => new { e.EventType, e.Timestamp });
    }
}
