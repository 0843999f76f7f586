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
            connectionString = WithoutSessionReset(connectionString);
        return new StorageConnection(provider, connectionString);
    }

    /// Npgsql resets every pooled connection it hands back (DISCARD ALL), which costs each
    /// request a statement and drops its prepared statements. Nothing here leaves session state
    /// behind, so the reset is off unless the connection string asks for it.
    private static string WithoutSessionReset(string connectionString)
    {
        // Npgsql's builder knows every keyword, so only the given keys tell whether it was set.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.Keys.Cast<string>().Any(key => key.Replace(" ", "", StringComparison.Ordinal).Equals("NoResetOnClose", StringComparison.OrdinalIgnoreCase)))
            return connectionString;
        return new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true }.ToString();
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
