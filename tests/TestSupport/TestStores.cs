using HistoryGraph.Ingestion.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace HistoryGraph.TestSupport;

/// Migrated history stores for tests, built exactly as the server builds them.
public static class TestStores
{
    public static async Task<IDbContextFactory<HistoryDbContext>> PostgresAsync(string connectionString, bool migrate = true)
    {
        var options = new DbContextOptionsBuilder<PostgresHistoryDbContext>().UseNpgsql(connectionString).Options;
        var factory = new HistoryDbContextFactory<PostgresHistoryDbContext>(new PooledDbContextFactory<PostgresHistoryDbContext>(options));
        if (migrate)
            await MigrateAsync(factory);
        return factory;
    }

    public static async Task<IDbContextFactory<HistoryDbContext>> SqliteAsync(string path, bool migrate = true)
    {
        var options = new DbContextOptionsBuilder<SqliteHistoryDbContext>().UseSqlite($"Data Source={path}").AddInterceptors(new SqlitePragmas()).Options;
        var factory = new HistoryDbContextFactory<SqliteHistoryDbContext>(new PooledDbContextFactory<SqliteHistoryDbContext>(options));
        if (migrate)
            await MigrateAsync(factory);
        return factory;
    }

    public static string NewSqlitePath() => Path.Combine(Path.GetTempPath(), $"historygraph-test-{Guid.NewGuid():N}.db");

    /// Removes an embedded store with its journal files, once no pooled connection holds them.
    public static void DeleteSqlite(params string[] paths)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in paths.SelectMany(p => new[] { p, p + "-wal", p + "-shm" }))
            File.Delete(file);
    }

    private static async Task MigrateAsync(IDbContextFactory<HistoryDbContext> factory)
    {
        await using var db = await factory.CreateDbContextAsync();
        await db.Database.MigrateAsync();
    }
}
