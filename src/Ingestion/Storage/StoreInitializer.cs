using HistoryGraph.Ingestion.Resilience;
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
        var retry = Retries.Create(logger, "Migrating the history store", TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(10), handles: StorageFailure.IsUnavailable);
        await retry.ExecuteAsync(async ct => await migrator.MigrateAsync(ct), stoppingToken);
        readiness.MarkReady();
    }
}
