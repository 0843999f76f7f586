using HistoryGraph.Ingestion.Notifications;
using HistoryGraph.Ingestion.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HistoryGraph.Notifications;

/// Keeps the delivery log from growing for ever: settled deliveries (delivered, failed, given
/// up, skipped) older than Notifications:KeepDeliveryDays are removed every hour, in batches, so
/// that no transaction holds the table long. Unsettled ones are never removed.
public sealed class DeliveryLogRetention(
    IDbContextFactory<HistoryDbContext> contexts,
    StoreReadiness readiness,
    IOptions<NotificationOptions> options,
    TimeProvider clock,
    ILogger<DeliveryLogRetention> logger) : BackgroundService
{
    private const int BatchSize = 5000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WaitAsync(Timeout.InfiniteTimeSpan, stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await RemoveAsync(stoppingToken) is var removed and > 0)
                    logger.LogInformation("Removed {Count} settled notification deliveries older than {Days} days", removed, options.Value.KeepDeliveryDays);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Old notification deliveries cannot be removed ({Error}); trying again in an hour", ex.GetBaseException().Message);
            }
            await Task.Delay(TimeSpan.FromHours(1), clock, stoppingToken);
        }
    }

    public async Task<long> RemoveAsync(CancellationToken cancellationToken)
    {
        if (options.Value.KeepDeliveryDays <= 0)
            return 0;
        var before = clock.GetUtcNow().UtcDateTime.AddDays(-options.Value.KeepDeliveryDays);
        long removed = 0;
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var ids = await db.NotificationDeliveries
                .Where(d => d.CreatedAt < before && d.Status != DeliveryStatus.Pending && d.Status != DeliveryStatus.AwaitingRetry)
                .OrderBy(d => d.Id).Select(d => d.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (ids.Count == 0)
                return removed;
            removed += await db.NotificationDeliveries.Where(d => ids.Contains(d.Id)).ExecuteDeleteAsync(cancellationToken);
        }
    }
}
