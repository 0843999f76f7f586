using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace HistoryGraph.Ingestion.Storage;

/// Applies pending migrations. EF Core takes a database-wide migration lock (a table lock on
/// PostgreSQL, a lock row on SQLite), so instances starting together do not race.
public sealed class HistoryStoreMigrator(IDbContextFactory<HistoryDbContext> contexts, StorageConnection connection, ILogger<HistoryStoreMigrator> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        connection.EnsureSqliteFolder();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
            logger.LogInformation("Applying {Count} migration(s) to the {Provider} history store: {Migrations}", pending.Count, db.Provider, pending);
        await db.Database.MigrateAsync(cancellationToken);
    }
}
