using HistoryGraph.Ingestion.OpenMetadataApi;
using HistoryGraph.Ingestion.Storage;
using Microsoft.Extensions.Options;

namespace HistoryGraph.Backfill;

/// Backfill:Interval set: a backfill at start-up (it covers the time the server was down, up to
/// the lookback) and then once per interval, each reading the last Backfill:Lookback. Several
/// instances may each run it: the writer stores every event once.
public sealed class BackfillSchedule(EventBackfill backfill, OpenMetadataClient openMetadata, StoreReadiness readiness, TimeProvider clock,
    IOptions<BackfillOptions> options, ILogger<BackfillSchedule> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Interval is not { } interval || interval <= TimeSpan.Zero)
            return;
        if (!openMetadata.IsConfigured)
        {
            logger.LogWarning("Backfill:Interval is set but OpenMetadata:ApiUrl is not: no scheduled backfill will run");
            return;
        }
        var lookback = options.Value.Lookback ?? interval * 2;
        await PeriodicWork.RunAsync(readiness, interval, clock,
            ct => backfill.RunAsync(clock.GetUtcNow().UtcDateTime - lookback, null, ct),
            ex => logger.LogWarning("The scheduled backfill failed ({Error}); the next one runs in {Interval}", ex.Message, interval),
            stoppingToken);
    }
}
