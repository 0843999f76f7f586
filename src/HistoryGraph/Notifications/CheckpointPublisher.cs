using HistoryGraph.Ingestion.Notifications;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Transparency;
using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.Notifications;

/// Sends each checkpoint this instance signs to every enabled target that keeps checkpoints
/// (SendCheckpoints): one delivery each, sent in turn with the target's other messages. Only the
/// instance that made a checkpoint publishes it, so it goes once. The shutdown checkpoint is
/// published too: its deliveries wait in the store for the next start.
public sealed class CheckpointPublisher(Checkpoints checkpoints, IDbContextFactory<HistoryDbContext> contexts, DeliveryWorker worker, TimeProvider clock) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        checkpoints.Made += PublishAsync;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task PublishAsync(LogCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var targets = await db.NotificationTargets.AsNoTracking().Where(t => t.Enabled && t.SendCheckpoints).Select(t => t.Id).ToListAsync(cancellationToken);
        if (targets.Count == 0)
            return;
        var now = clock.GetUtcNow().UtcDateTime;
        db.NotificationDeliveries.AddRange(targets.Select(id => new NotificationDelivery
        {
            TargetId = id,
            Kind = DeliveryKind.Checkpoint,
            CheckpointId = checkpoint.Id,
            RequestedBy = "checkpoint",
            Status = DeliveryStatus.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
        }));
        await db.SaveChangesAsync(cancellationToken);
        worker.Wake();
    }
}
