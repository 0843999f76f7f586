using HistoryGraph.Ingestion.OpenMetadataApi;
using HistoryGraph.Ingestion.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HistoryGraph.Completeness;

/// Runs the reconciler every Reconciliation:PassIntervalSeconds where OpenMetadata:ApiUrl is set.
/// One instance reconciles at a time: on PostgreSQL a pass runs only while its instance holds a
/// session advisory lock (the others skip it); SQLite serves one instance.
public sealed class ReconciliationSchedule(Reconciler reconciler, OpenMetadataClient openMetadata, IDbContextFactory<HistoryDbContext> contexts,
    StoreReadiness readiness, TimeProvider clock, IOptions<ReconciliationOptions> options, ILogger<ReconciliationSchedule> logger) : BackgroundService
{
    // Any number of its own: the advisory lock's key for reconciliation passes.
    private const long LockKey = 0x4847526563; // "HGRec"

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The gaps the store knows are reported by every instance from the start, reconciling or not.
        await readiness.WaitAsync(Timeout.InfiniteTimeSpan, stoppingToken);
        try
        {
            await reconciler.CountOpenGapsAsync(stoppingToken);
        }
        catch (Exception ex) when (StorageFailure.IsUnavailable(ex))
        {
            logger.LogDebug("The known gaps could not be counted ({Error}); the first pass counts them", ex.Message);
        }
        if (!options.Value.Enabled || !openMetadata.IsConfigured)
            return;
        await PeriodicWork.RunAsync(readiness, TimeSpan.FromSeconds(Math.Max(1, options.Value.PassIntervalSeconds)), clock, PassAsync,
            ex => logger.LogWarning("A reconciliation pass failed ({Error}); the next one runs in {Seconds} s", ex.Message, options.Value.PassIntervalSeconds),
            stoppingToken);
    }

    private async Task PassAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (db.Provider != StorageProvider.PostgreSql)
        {
            await reconciler.ReconcileAsync(cancellationToken);
            return;
        }
        // The lock lives as long as this context's connection, kept open for the pass.
        await db.Database.OpenConnectionAsync(cancellationToken);
        var held = await db.Database.SqlQueryRaw<bool>($"SELECT pg_try_advisory_lock({LockKey}) AS \"Value\"").SingleAsync(cancellationToken);
        if (!held)
            return;
        try
        {
            await reconciler.ReconcileAsync(cancellationToken);
        }
        finally
        {
            await db.Database.SqlQueryRaw<bool>($"SELECT pg_advisory_unlock({LockKey}) AS \"Value\"").SingleAsync(CancellationToken.None);
        }
    }
}
