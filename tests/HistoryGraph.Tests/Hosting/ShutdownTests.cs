using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using HistoryGraph.Ingestion.OpenMetadata;
using HistoryGraph.TestSupport;
using HistoryGraph.Tests.Live;
using Npgsql;
using Xunit.Abstractions;

namespace HistoryGraph.Tests.Hosting;

/// SIGTERM to the server process while senders deliver and subscribers listen, as a rolling
/// update does it: readiness turns 503 first, then webhooks are refused with Retry-After,
/// what was acknowledged is in the store, every WebSocket subscriber gets close 1001, every
/// SSE stream ends, and the process exits by itself within its shutdown timeout.
public class ShutdownTests(ITestOutputHelper output)
{
    private const string Secret = "shutdown-secret";
    private const string Subscription = "subscription { changes { sequence } }";

    [Fact]
    public async Task sigterm_under_load_loses_nothing_acknowledged_and_closes_every_live_client()
    {
        var connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("shutdown");
        using var server = ServerProcess.Start(ServerProcess.BuiltDll(), connectionString, Secret, "Shutdown:DrainDelaySeconds=1", "Shutdown:TimeoutSeconds=20");
        using var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(30) };
        await server.WaitHealthyAsync(client);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        var sockets = new List<ProtocolSocket>();
        for (var i = 0; i < 20; i++)
        {
            var socket = await ProtocolSocket.ConnectAsync(server.Address);
            await socket.InitAsync();
            await socket.SendAsync(new JsonObject { ["id"] = "1", ["type"] = "subscribe", ["payload"] = new JsonObject { ["query"] = Subscription } });
            sockets.Add(socket);
        }
        var closes = sockets.Select(s => s.ReceiveCloseAsync(TimeSpan.FromSeconds(60))).ToList();
        var streams = Enumerable.Range(0, 5).Select(_ => ReadEventStreamAsync(server.Address)).ToList();

        // Four senders, each with deliveries of its own, as fast as they are answered.
        using var stop = new CancellationTokenSource();
        var acknowledged = new ConcurrentBag<long>();
        var refusals = new ConcurrentBag<(int Status, string? RetryAfter)>();
        var senders = Enumerable.Range(0, 4).Select(i => SendAsync(server.Address, Workload.Build(3_000, entities: 200, Secret), acknowledged, refusals, stop.Token)).ToList();
        // Under load for 2 s at least, and until deliveries are being acknowledged (building the
        // senders' deliveries takes a while when the suite's other classes use the cores too).
        await Task.Delay(2_000);
        for (var waited = 0; acknowledged.IsEmpty && waited < 300; waited++)
            await Task.Delay(100);
        Assert.NotEmpty(acknowledged);

        var readiness = new ConcurrentBag<(double At, HttpStatusCode Status)>();
        var clock = Stopwatch.StartNew();
        server.Terminate();
        var probing = ProbeReadinessAsync(server.Address, clock, readiness, stop.Token);
        var exit = await server.WaitForExitAsync(TimeSpan.FromSeconds(30));
        var stoppedIn = clock.Elapsed;
        await stop.CancelAsync();
        await Task.WhenAll(senders.Append(probing));
        output.WriteLine($"Exited with {exit} {stoppedIn.TotalSeconds:0.00} s after SIGTERM; {acknowledged.Count} deliveries acknowledged, {refusals.Count} refused " +
            $"({string.Join(", ", refusals.GroupBy(r => r.Status).Select(g => $"{g.Count()} x {g.Key}"))})");

        Assert.Equal(0, exit);
        Assert.True(stoppedIn < TimeSpan.FromSeconds(20), $"Shutdown took {stoppedIn.TotalSeconds:0.0} s.");
        // Not ready from the start of the drain, while the server still answered (a probe that
        // arrived before the signal was handled may still have been answered ready).
        var probes = readiness.OrderBy(r => r.At).ToList();
        var firstRefusal = probes.FindIndex(r => r.Status == HttpStatusCode.ServiceUnavailable);
        Assert.True(firstRefusal >= 0, "/health/ready never answered 503 while the server stopped.");
        Assert.DoesNotContain(probes.Skip(firstRefusal), r => r.Status == HttpStatusCode.OK);
        // Every refusal while stopping says when to come back.
        Assert.All(refusals, r => Assert.True(r.Status == 503 && r.RetryAfter is not null, $"A delivery was answered {r.Status} without Retry-After."));

        foreach (var close in closes)
            Assert.Equal(1001, await close);
        foreach (var stream in streams)
            Assert.True(await stream, "An SSE stream was cut off instead of ending.");
        foreach (var socket in sockets)
            await socket.DisposeAsync();

        // Every acknowledged delivery is in the store, each as its own event.
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM change_events WHERE sequence = ANY(@acknowledged)", db);
        count.Parameters.AddWithValue("acknowledged", acknowledged.ToArray());
        Assert.Equal(acknowledged.Count, (long)(await count.ExecuteScalarAsync())!);
        Assert.Equal(acknowledged.Count, acknowledged.Distinct().Count());
    }

    private static async Task SendAsync(Uri address, List<Workload.Body> bodies, ConcurrentBag<long> acknowledged, ConcurrentBag<(int, string?)> refusals, CancellationToken stop)
    {
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        foreach (var body in bodies)
        {
            if (stop.IsCancellationRequested)
                return;
            using var content = new ByteArrayContent(body.Bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var request = new HttpRequestMessage(HttpMethod.Post, "/webhook/openmetadata") { Content = content };
            request.Headers.Add(WebhookSignature.HeaderName, body.Signature);
            try
            {
                using var response = await client.SendAsync(request, CancellationToken.None);
                if (response.StatusCode == HttpStatusCode.OK)
                    acknowledged.Add((long)JsonNode.Parse(await response.Content.ReadAsStringAsync(CancellationToken.None))!["sequences"]![0]!);
                else
                    refusals.Add(((int)response.StatusCode, response.Headers.RetryAfter?.ToString()));
            }
            catch (HttpRequestException)
            {
                // The process is gone: nothing was acknowledged.
                await Task.Delay(50, CancellationToken.None);
            }
        }
    }

    private static async Task ProbeReadinessAsync(Uri address, Stopwatch clock, ConcurrentBag<(double, HttpStatusCode)> readiness, CancellationToken stop)
    {
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var response = await client.GetAsync("/health/ready", CancellationToken.None);
                readiness.Add((clock.Elapsed.TotalSeconds, response.StatusCode));
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(50, CancellationToken.None);
        }
    }

    /// True when the server ended the stream (the response completed), false when it was cut.
    private static async Task<bool> ReadEventStreamAsync(Uri address)
    {
        using var client = new HttpClient { BaseAddress = address, Timeout = Timeout.InfiniteTimeSpan };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(new JsonObject { ["query"] = Subscription }.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[16 * 1024];
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            while (await body.ReadAsync(buffer, deadline.Token) > 0)
            {
            }
            return true;
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or OperationCanceledException or WebSocketException)
        {
            return false;
        }
    }
}
