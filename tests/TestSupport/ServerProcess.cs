using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace HistoryGraph.TestSupport;

/// The server as its own process, in the Production environment, on a free local port: for
/// benchmarks and for tests that measure the process itself (its memory, its survival).
public sealed class ServerProcess : IDisposable
{
    private readonly Process? _process;

    private ServerProcess(Process? process, Uri address) => (_process, Address) = (process, address);

    /// The server as this repository's build made it, in the configuration the caller was built in.
    public static string BuiltDll()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // Release or Debug
        return Path.Combine(RepositoryPaths.Root, "src", "HistoryGraph", "bin", configuration, "net10.0", "HistoryGraph.dll");
    }

    /// A server started by someone else (HISTORYGRAPH_BENCH_URL), for profiling it.
    public static ServerProcess Existing(Uri address) => new(null, address);

    public Uri Address { get; }

    /// The server's process id (null for a server started by someone else).
    public int? ProcessId => _process?.Id;

    private const string ServerEnvironmentPrefix = "HISTORYGRAPH_SERVER_ENV_";

    /// settings: extra "Key:Sub=value" settings, passed as command-line arguments.
    public static ServerProcess Start(string dll, string connectionString, string secret, params string[] settings)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, $"--urls=http://127.0.0.1:{port}", $"--ConnectionStrings:History={connectionString}", $"--OpenMetadata:WebhookSecrets:0={secret}", "--Serilog:MinimumLevel:Default=Warning",
                // Reads without a key: what is measured is the server, not key handling (a
                // stored key costs a cached look-up and one SHA-256 per request).
                "--Auth:AllowAnonymousReads=true", "--Auth:RateLimits:Anonymous:PermitsPerMinute=0",
                "--Auth:RateLimits:Failures:PermitsPerMinute=0", "--Shutdown:DrainDelaySeconds=0" },
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = false,
        };
        foreach (var setting in settings)
            start.ArgumentList.Add("--" + setting);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        // HISTORYGRAPH_SERVER_ENV_<NAME>=value sets <NAME> for the server alone (a runtime knob
        // measured on the server without reaching the load generator that starts it).
        foreach (var (name, value) in Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
                     .Select(e => ((string)e.Key, (string?)e.Value)).Where(e => e.Item1.StartsWith(ServerEnvironmentPrefix, StringComparison.Ordinal)))
            start.Environment[name[ServerEnvironmentPrefix.Length..]] = value;
        return new ServerProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}"));
    }

    /// Waits until the server's live feed has read up to `sequence` (copied events are new
    /// commits to it, read before anything measured after them should start).
    public static async Task WaitForFeedAsync(HttpClient client, long sequence)
    {
        for (var waited = 0; waited < 6_000; waited++)
        {
            using var health = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/health"));
            if (health.RootElement.GetProperty("live").GetProperty("feedSequence").GetInt64() >= sequence)
                return;
            await Task.Delay(100);
        }
        throw new TimeoutException($"The live feed did not reach sequence {sequence}.");
    }

    public async Task WaitHealthyAsync(HttpClient client)
    {
        for (var i = 0; i < 300; i++)
        {
            try
            {
                if ((await client.GetAsync("/health")).IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The server did not become healthy.");
    }

    /// Processor time the server used so far (zero for a server started by someone else).
    public TimeSpan ProcessorTime
    {
        get
        {
            if (_process is null)
                return TimeSpan.Zero;
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// Whether the server process ended (crashed, for a server nobody stopped).
    public bool HasExited => _process?.HasExited ?? false;

    /// Resident memory of the server in bytes.
    public long WorkingSet
    {
        get
        {
            if (_process is null)
                return 0;
            _process.Refresh();
            return _process.WorkingSet64;
        }
    }

    /// The most resident memory the server has held, in bytes (VmHWM).
    public long PeakWorkingSet
    {
        get
        {
            if (_process is null)
                return 0;
            _process.Refresh();
            return _process.PeakWorkingSet64;
        }
    }

    /// Sends SIGTERM, as an orchestrator stops a container.
    public void Terminate()
    {
        if (_process is not null && Kill(_process.Id, 15) != 0)
            throw new InvalidOperationException($"SIGTERM could not be sent (errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}).");
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    /// Waits for the process to end by itself; its exit code, or null when it did not within the time.
    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        if (_process is null)
            return null;
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private bool _disposed;

    /// Kills the server (SIGKILL) unless it has exited; a second call does nothing.
    public void Dispose()
    {
        if (_process is null || _disposed)
            return;
        _disposed = true;
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
    }
}
