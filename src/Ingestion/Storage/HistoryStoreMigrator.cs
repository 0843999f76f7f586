using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace HistoryGraph.Ingestion.Storage;

/// Applies pending migrations. Instances starting together can both find the same migration
/// pending (EF Core's migration lock serializes applying, not that look-up); the one that comes
/// second then fails inside the migration's own transaction, which rolls back, and looks again:
/// by then nothing is pending. A migration that fails for another reason fails every attempt.
public sealed class HistoryStoreMigrator(IDbContextFactory<HistoryDbContext> contexts, StorageConnection connection, ILogger<HistoryStoreMigrator> logger)
{
    private const int Attempts = 5;

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        connection.EnsureSqliteFolder();
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            try
            {
                var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
                if (pending.Count == 0)
                    return;
                logger.LogInformation("Applying {Count} migration(s) to the {Provider} history store: {Migrations}", pending.Count, db.Provider, pending);
                await db.Database.MigrateAsync(cancellationToken);
                return;
            }
            catch (Exception ex) when (attempt < Attempts && !StorageFailure.IsUnavailable(ex) && !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("Migrating failed ({Error}); another instance may be migrating too, looking again", ex.GetBaseException().Message);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken);
            }
        }
    }
}
