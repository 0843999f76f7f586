using HistoryGraph.Ingestion.Resilience;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace HistoryGraph.Ingestion.Storage;

/// Applies pending migrations. Instances starting together can both find the same migration
/// pending (EF Core's migration lock serializes applying, not that look-up); the one that comes
/// second then fails inside the migration's own transaction, which rolls back, and looks again:
/// by then nothing is pending. A migration that fails for another reason fails every attempt.
/// Then the data migrations (IDataMigration) run, pending schema migrations or not.
public sealed class HistoryStoreMigrator(
    IDbContextFactory<HistoryDbContext> contexts,
    StorageConnection connection,
    IEnumerable<IDataMigration> dataMigrations,
    ILogger<HistoryStoreMigrator> logger)
{
    private const int Attempts = 5;

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        connection.EnsureSqliteFolder();
        // Another instance may be migrating too: a failure other than an unreachable store is looked at again a few times.
        var retry = Retries.Create(logger, "Migrating (another instance may be migrating too)", TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1),
            doubling: false, attempts: Attempts - 1, handles: ex => !StorageFailure.IsUnavailable(ex) && ex is not StoreFromOtherReleaseException);
        await retry.ExecuteAsync(async ct =>
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            if (await PreReleaseStores.AdoptAsync(db, ct))
                logger.LogWarning("The {Provider} history store was made by a build before 1.0: its schema is 1.0's, so the 1.0 baseline is recorded as applied", db.Provider);
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            if (pending.Count == 0)
                return;
            logger.LogInformation("Applying {Count} migration(s) to the {Provider} history store: {Migrations}", pending.Count, db.Provider, pending);
            await db.Database.MigrateAsync(ct);
        }, cancellationToken);
        foreach (var migration in dataMigrations)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await migration.RunAsync(db, cancellationToken);
        }
    }
}
