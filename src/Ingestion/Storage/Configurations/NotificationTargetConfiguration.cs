using System.Text.Json;
using HistoryGraph.Ingestion.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HistoryGraph.Ingestion.Storage.Configurations;

public sealed class NotificationTargetConfiguration : IEntityTypeConfiguration<NotificationTarget>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public void Configure(EntityTypeBuilder<NotificationTarget> builder)
    {
        builder.ToTable("notification_targets");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.HasIndex(t => t.Name).IsUnique();
        builder.Property(t => t.Kind).StoredAsText();
        builder.Property(t => t.Status).StoredAsText();
        // A few schedules, read and written with the target: JSON text on both providers.
        builder.Property(t => t.Digests).HasConversion(
            v => JsonSerializer.Serialize(v, Json),
            v => JsonSerializer.Deserialize<List<DigestSchedule>>(v, Json) ?? new List<DigestSchedule>(),
            new ValueComparer<List<DigestSchedule>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s)), v => v.ToList()));
    }
}
