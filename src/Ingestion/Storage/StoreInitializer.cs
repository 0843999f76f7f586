using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HistoryGraph.Ingestion.Storage;

/// Migrates at start-up without blocking it: while the database is unreachable the server
/// still starts (health says so, webhooks get 503) and keeps trying until it succeeds.
public sealed class StoreInitializer(
    HistoryStoreMigrator migrator,
    StoreReadiness readiness,
    IOptions<StorageOptions> options,
    ILogger<StoreInitializer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.MigrateOnStartup)
        {
            readiness.MarkReady();
            return;
        }
        var delay = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await migrator.MigrateAsync(stoppingToken);
                readiness.MarkReady();
                return;
            }
            catch (Exception ex) when (StorageFailure.IsUnavailable(ex) && !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("The history database is unreachable ({Error}); migrating again in {Delay} s", ex.GetBaseException().Message, delay.TotalSeconds);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 10));
            }
        }
    }
}
