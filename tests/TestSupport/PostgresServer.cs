using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace HistoryGraph.TestSupport;

/// A throwaway PostgreSQL cluster: initdb into a temporary folder, started on a free port of
/// 127.0.0.1 with trust authentication, removed when the test process ends. `initdb` refuses
/// to run as root, so as root every server command runs as the `postgres` user.
/// HISTORYGRAPH_TEST_POSTGRES (a connection string) uses an existing server instead.
public sealed class PostgresServer : IAsyncDisposable
{
    private static readonly Lazy<Task<PostgresServer>> SharedServer = new(() =>
        Environment.GetEnvironmentVariable("HISTORYGRAPH_TEST_POSTGRES") is { Length: > 0 } external
            ? Task.FromResult(new PostgresServer(external))
            : StartNewAsync());

    private readonly string? _dataDirectory;
    private readonly string _adminConnectionString;
    private readonly int _port;

    private PostgresServer(string adminConnectionString) => _adminConnectionString = adminConnectionString;

    private PostgresServer(string dataDirectory, int port)
    {
        _dataDirectory = dataDirectory;
        _port = port;
        _adminConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false";
    }

    /// The server's log (what pg_ctl -l writes), or null for an existing server.
    public string? LogFile => _dataDirectory is null ? null : Path.Combine(Path.GetDirectoryName(_dataDirectory)!, "server.log");

    /// The cluster shared by every test class of this test process.
    public static Task<PostgresServer> SharedAsync() => SharedServer.Value;

    public static async Task<PostgresServer> StartNewAsync()
    {
        var bin = FindBinaries();
        RemoveStoppedClusters();
        var root = Path.Combine(Path.GetTempPath(), $"historygraph-test-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        var data = Path.Combine(root, "data");
        if (IsRoot)
            await RunAsync("chown", $"postgres:postgres {root}");
        await RunServerCommandAsync(Path.Combine(bin, "initdb"), $"-D {data} -U postgres --auth=trust --encoding=UTF8 --no-locale --no-sync");

        var server = new PostgresServer(data, FreePort());
        server._bin = bin;
        await server.StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.StopAndRemove();
        return server;
    }

    private string? _bin;

    /// The postmaster's process id (from postmaster.pid), for the CPU of this cluster alone.
    public int? PostmasterPid => _dataDirectory is null ? null : int.Parse(File.ReadLines(Path.Combine(_dataDirectory, "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);

    /// The port the server listens on (0 for an existing server).
    public int Port => _port;

    /// A streaming standby of this server, as an operator makes one: pg_basebackup -R (which
    /// writes standby.signal and primary_conninfo), started on a port of its own.
    public async Task<PostgresServer> StartStandbyAsync()
    {
        var root = Path.Combine(Path.GetTempPath(), $"historygraph-test-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        var data = Path.Combine(root, "data");
        if (IsRoot)
            await RunAsync("chown", $"postgres:postgres {root}");
        await RunServerCommandAsync(Path.Combine(_bin!, "pg_basebackup"), $"-h 127.0.0.1 -p {_port} -U postgres -D {data} -R -X stream --checkpoint=fast --no-sync");
        var standby = new PostgresServer(data, FreePort()) { _bin = _bin };
        await standby.StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => standby.StopAndRemove();
        return standby;
    }

    /// Runs one statement on this server's `postgres` database (pg_wal_replay_pause() and the like).
    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    public async Task StartAsync()
    {
        // Many test servers share the cluster at once, each with its own pool of connections.
        var options = $"-c listen_addresses=127.0.0.1 -p {_port} -k {_dataDirectory} -c max_connections=600 -c shared_buffers=128MB";
        await RunServerCommandAsync(Path.Combine(_bin!, "pg_ctl"), $"-D {_dataDirectory} -l {_dataDirectory}/../server.log -w -t 60 -o \"{options}\" start");
    }

    /// Stops the server at once, as a crash or an outage would.
    public Task StopAsync() =>
        RunServerCommandAsync(Path.Combine(_bin!, "pg_ctl"), $"-D {_dataDirectory} -m immediate -w stop");

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = database, Pooling = true }.ToString();

    /// A new, empty database with a unique name.
    public async Task<string> CreateDatabaseAsync(string prefix = "hg")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE template0", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        await Task.Yield();
        StopAndRemove();
    }

    private void StopAndRemove()
    {
        if (_dataDirectory is null || !Directory.Exists(_dataDirectory))
            return;
        // Synchronous on purpose: this also runs in ProcessExit, where awaiting is not reliable.
        var (command, arguments) = ServerCommand(Path.Combine(_bin!, "pg_ctl"), $"-D {_dataDirectory} -m immediate -w stop");
        using (var stop = Process.Start(new ProcessStartInfo(command, arguments) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true }))
            stop?.WaitForExit(20_000);
        // The server may still be removing its last files for a moment after pg_ctl returns.
        for (var attempt = 0; attempt < 10 && Directory.Exists(_dataDirectory); attempt++)
        {
            try
            {
                Directory.Delete(Path.GetDirectoryName(_dataDirectory)!, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Thread.Sleep(100);
            }
        }
    }

    /// The test host may be torn down before its exit handler has removed a stopped cluster's
    /// folder; the next run removes such leftovers (no postmaster.pid, untouched for a while).
    private static void RemoveStoppedClusters()
    {
        foreach (var folder in Directory.GetDirectories(Path.GetTempPath(), "historygraph-test-pg-*"))
        {
            var data = Path.Combine(folder, "data");
            if (File.Exists(Path.Combine(data, "postmaster.pid")) || Directory.GetLastWriteTimeUtc(folder) > DateTime.UtcNow.AddMinutes(-2))
                continue;
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Another run is removing it.
            }
        }
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static string FindBinaries()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
            : [];
        return candidates.OrderByDescending(d => d).FirstOrDefault()
            ?? throw new InvalidOperationException(
                "PostgreSQL server binaries were not found under /usr/lib/postgresql/*/bin. Run the test suite with scripts/test.sh, which installs them.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static (string Command, string Arguments) ServerCommand(string command, string arguments) =>
        IsRoot ? ("runuser", $"-u postgres -- {command} {arguments}") : (command, arguments);

    private static Task RunServerCommandAsync(string command, string arguments)
    {
        var (c, a) = ServerCommand(command, arguments);
        return RunAsync(c, a);
    }

    private static async Task RunAsync(string command, string arguments)
    {
        var start = new ProcessStartInfo(command, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{command} {arguments} failed with exit code {process.ExitCode}: {await stderr}{await stdout}");
    }
}
