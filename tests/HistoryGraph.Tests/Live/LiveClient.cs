using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using HistoryGraph.TestSupport;

namespace HistoryGraph.Tests.Live;

/// A subscriber run by tests/clients/live-client.mjs with a public client library (graphql-ws,
/// subscriptions-transport-ws or graphql-sse) in Node.js; what it prints is collected here.
public sealed class LiveClient : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<JsonObject> _lines = [];
    private readonly Lock _gate = new();
    private readonly Task _reading;
    private readonly Task<string> _stderr;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private LiveClient(Process process)
    {
        _process = process;
        _stderr = process.StandardError.ReadToEndAsync();
        _reading = ReadAsync();
    }

    /// protocol: transport-ws, legacy or sse; server: where to connect.
    public static async Task<LiveClient> StartAsync(string protocol, HistoryGraphServer server, string query, object? variables = null,
        int count = 0, int timeoutMs = 60_000, int dropAfter = 0, int pauseMs = 1000, string? sequencePath = null, object? connectionParams = null,
        bool waitUntilSubscribed = true, HistoryGraphServer? resumeOn = null)
    {
        if (!Directory.Exists(Path.Combine(RepositoryPaths.Clients, "node_modules")))
            throw new InvalidOperationException("tests/clients/node_modules is missing: run scripts/test.sh, which installs it with npm ci.");
        string Url(HistoryGraphServer on) => new UriBuilder(on.Address) { Scheme = protocol == "sse" ? "http" : "ws", Path = "/graphql" }.Uri.ToString();
        var settings = JsonSerializer.Serialize(new
        {
            protocol, url = Url(server), resumeUrl = Url(resumeOn ?? server), query, variables, count, timeoutMs, dropAfter, pauseMs, sequencePath, connectionParams,
        });
        var start = new ProcessStartInfo("node") { WorkingDirectory = RepositoryPaths.Clients, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("live-client.mjs");
        start.ArgumentList.Add(settings);
        var client = new LiveClient(Process.Start(start)!);
        if (waitUntilSubscribed)
            await client.WaitForAsync("ready");
        return client;
    }

    /// The data of every result received so far.
    public IReadOnlyList<JsonObject> Results
    {
        get
        {
            lock (_gate)
                return _lines.Where(l => (string?)l["event"] == "next").Select(l => (JsonObject)l["data"]!).ToList();
        }
    }

    public IReadOnlyList<JsonObject> Lines
    {
        get
        {
            lock (_gate)
                return [.. _lines];
        }
    }

    /// Waits until the client printed a line with this event.
    public Task<JsonObject> WaitForAsync(string @event, TimeSpan? timeout = null) =>
        WaitForAsync(lines => lines.FirstOrDefault(l => (string?)l["event"] == @event), timeout, $"'{@event}'");

    /// Waits until `count` results arrived.
    public async Task<IReadOnlyList<JsonObject>> WaitForResultsAsync(int count, TimeSpan? timeout = null)
    {
        await WaitForAsync(lines => lines.Count(l => (string?)l["event"] == "next") >= count ? lines[0] : null, timeout, $"{count} results");
        return Results;
    }

    /// Waits until `find` finds a line among those printed so far; `what` names it in the timeout's message.
    public Task<JsonObject> WaitForAsync(Func<List<JsonObject>, JsonObject?> find, string what) => WaitForAsync(find, null, what);

    private async Task<JsonObject> WaitForAsync(Func<List<JsonObject>, JsonObject?> find, TimeSpan? timeout, string what)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (find(_lines) is { } found)
                    return found;
                changed = _changed.Task;
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || _reading.IsCompleted)
                throw new TimeoutException($"The {what} did not come. Client output:\n{string.Join('\n', Lines.Select(l => l.ToJsonString()))}\n{(_reading.IsCompleted ? await _stderr : "")}");
            await Task.WhenAny(changed, Task.Delay(left > TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : left));
        }
    }

    private async Task ReadAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (JsonNode.Parse(line) is not JsonObject parsed)
                continue;
            lock (_gate)
            {
                _lines.Add(parsed);
                _changed.TrySetResult();
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
        lock (_gate)
            _changed.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        await _reading;
        _process.Dispose();
    }
}
