using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace HistoryGraph.Ingestion.Storage;

/// The provider and connection string the configuration asks for.
public sealed record StorageConnection(StorageProvider Provider, string ConnectionString)
{
    public static StorageConnection Resolve(IConfiguration configuration, StorageOptions options, string contentRoot)
    {
        var connectionString = configuration.GetConnectionString(StorageOptions.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            var path = Path.GetFullPath(options.SqlitePath, contentRoot);
            return new StorageConnection(StorageProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString());
        }

        var provider = options.Provider ?? (LooksLikeSqlite(connectionString) ? StorageProvider.Sqlite : StorageProvider.PostgreSql);
        if (provider == StorageProvider.Sqlite)
        {
            var builder = new SqliteConnectionStringBuilder(connectionString);
            builder.DataSource = Path.GetFullPath(builder.DataSource, contentRoot);
            connectionString = builder.ToString();
        }
        else
            connectionString = WithSessionDefaults(connectionString);
        return new StorageConnection(provider, connectionString);
    }

    /// Npgsql defaults that cost every request, changed unless the connection string sets them
    /// itself: each pooled connection is reset when handed back (DISCARD ALL: a statement per
    /// request, and it drops prepared statements), though nothing here leaves session state
    /// behind; and no statement is prepared, so PostgreSQL parses each query anew although a
    /// dashboard runs the same few with other values. With Max Auto Prepare a statement run 5
    /// times on a connection is prepared there (behind a pooler in transaction mode, such as
    /// PgBouncer before 1.21, set `Max Auto Prepare=0`). Prepared statements are still planned
    /// for their values each time (plan_cache_mode=force_custom_plan, in Options): a generic
    /// plan cannot use an index for `LIKE $1` and picks one path for every prefix and window,
    /// which measured up to 50 times slower for small prefixes.
    private static string WithSessionDefaults(string connectionString)
    {
        // Npgsql's builder knows every keyword, so only the given keys tell whether one was set.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(key => key.Replace(" ", "", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.Contains("NoResetOnClose"))
            builder.NoResetOnClose = true;
        if (!given.Contains("MaxAutoPrepare"))
            builder.MaxAutoPrepare = 100;
        if (builder.Options?.Contains("plan_cache_mode", StringComparison.Ordinal) != true)
            builder.Options = $"{builder.Options} -c plan_cache_mode=force_custom_plan".Trim();
        return builder.ToString();
    }

    /// PostgreSQL connections that write, or must see what was just written: with several hosts
    /// (Host=a,b), only the one that takes writes (Target Session Attributes=primary).
    public NpgsqlConnectionStringBuilder Primary()
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        if (builder.Host?.Contains(',') == true && string.IsNullOrEmpty(builder.TargetSessionAttributes))
            builder.TargetSessionAttributes = "primary";
        return builder;
    }

    /// PostgreSQL connections for reads that may lag (Storage:ReadFrom=PreferStandby): a standby
    /// when one is up, else the primary; named "... reader" in pg_stat_activity.
    public NpgsqlConnectionStringBuilder Standby()
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { TargetSessionAttributes = "prefer-standby" };
        builder.ApplicationName = $"{builder.ApplicationName ?? "historygraph"} reader";
        return builder;
    }

    private static bool LooksLikeSqlite(string connectionString) =>
        connectionString.TrimStart().StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase)
        || connectionString.TrimStart().StartsWith("Filename=", StringComparison.OrdinalIgnoreCase);

    /// The SQLite file's folder is created on first run, so a bare `dotnet run` just works.
    public void EnsureSqliteFolder()
    {
        if (Provider != StorageProvider.Sqlite)
            return;
        var file = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
        if (Path.GetDirectoryName(file) is { Length: > 0 } folder)
            Directory.CreateDirectory(folder);
    }
}
