using HistoryGraph.Ingestion.Notifications;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Notifications.Messages;
using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.Notifications;

/// `testNotificationTarget`: sends a test message to a target now, in its format and through
/// its template, once (no retries: the admin sees the answer at once), and records it in the
/// delivery log. The target's status is left as it is: a test is not one of its messages. Its
/// log row is written before it is sent, as Pending, so the delivery worker never takes test
/// messages (it would otherwise send this one too, and retry it in the background).
public sealed class TargetTester(IDbContextFactory<HistoryDbContext> contexts, MessageSender sender, AssetLinks links, TimeProvider clock)
{
    public async Task<NotificationDelivery> TestAsync(Guid targetId, string who, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var target = await db.NotificationTargets.AsNoTracking().SingleOrDefaultAsync(t => t.Id == targetId, cancellationToken) ?? throw TargetManagement.NotFound(targetId);
        var now = clock.GetUtcNow().UtcDateTime;
        var delivery = new NotificationDelivery
        {
            TargetId = target.Id,
            Kind = DeliveryKind.Test,
            RequestedBy = who,
            Status = DeliveryStatus.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
        };
        db.NotificationDeliveries.Add(delivery);
        await db.SaveChangesAsync(cancellationToken);

        var outcome = await sender.SendAsync(target, TestNotice.Build(target.Name, who, now, links), delivery.Id, cancellationToken);
        DeliveryOutcomes.Record(delivery, outcome, now);
        if (!outcome.Delivered)
            delivery.Status = outcome.Retryable ? DeliveryStatus.RetryLimitReached : DeliveryStatus.Failed;
        await db.SaveChangesAsync(CancellationToken.None);
        return delivery;
    }
}
