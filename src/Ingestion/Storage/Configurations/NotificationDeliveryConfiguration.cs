using HistoryGraph.Ingestion.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HistoryGraph.Ingestion.Storage.Configurations;

public sealed class NotificationDeliveryConfiguration : IEntityTypeConfiguration<NotificationDelivery>
{
    public void Configure(EntityTypeBuilder<NotificationDelivery> builder)
    {
        builder.ToTable("notification_deliveries");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedOnAdd();
        builder.Property(d => d.Kind).StoredAsText();
        builder.Property(d => d.Status).StoredAsText();
        builder.Property(d => d.DigestPeriod).HasConversion(new Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DigestPeriod, string>(
            v => v.ToString().ToUpperInvariant(), v => Enum.Parse<DigestPeriod>(v, true)));
        builder.HasOne<NotificationTarget>().WithMany().HasForeignKey(d => d.TargetId).OnDelete(DeleteBehavior.Cascade);
        // Once per (event, target) and per scheduled digest period: a second instance's insert fails, it is not sent twice.
        builder.HasIndex(d => new { d.TargetId, d.EventSequence }).IsUnique();
        builder.HasIndex(d => new { d.TargetId, d.DigestPeriod, d.PeriodEnd }).IsUnique().HasFilter("digest_period IN ('DAILY', 'WEEKLY')");
        // A target's next message to send: the oldest not yet settled.
        builder.HasIndex(d => new { d.TargetId, d.Id }, "ix_notification_deliveries_unsettled").HasFilter(Unsettled);
        builder.HasIndex(d => d.EventSequence);
    }

    public static readonly string Unsettled = "status IN ('PENDING', 'AWAITING_RETRY')";
}
