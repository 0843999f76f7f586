using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using HistoryGraph.TestSupport;

namespace HistoryGraph.Tests.Live;

/// A subscriber that stops reading next to one that keeps up: ingestion and the healthy
/// subscriber carry on, and the stalled one is disconnected (4420 when the close frame can
/// still reach it) once its send buffer stayed full for the stall timeout.
public class StalledSubscriberTests : IClassFixture<PostgresServerFixture>
{
    private const int Events = 1000;

    [Fact]
    public async Task a_stalled_subscriber_is_disconnected_and_slows_no_one()
    {
        var connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
        await using var server = await HistoryGraphServer.StartAsync($"ConnectionStrings:History={connectionString}",
            "Subscriptions:SendBufferBytes=16384", "Subscriptions:StallTimeoutSeconds=2");
        await PostgresServerFixture.WaitHealthyAsync(server);
        var prefix = "stall" + Guid.NewGuid().ToString("N")[..8];
        var query = $$"""subscription { changes(where: { fqn: { startsWith: "{{prefix}}" } }) { sequence payload } }""";
        await using var stalled = await StalledSocket.SubscribeAsync(server, query);
        await using var healthy = await LiveClient.StartAsync("transport-ws", server, query.Replace(" payload", ""), count: Events, timeoutMs: 120_000);
        await Task.Delay(300); // the stalled subscription is in place (its messages were sent before the healthy client's)

        // Events of about 20 KB each, 20 MB for the stalled client: more than the kernel's socket
        // buffers, Kestrel's and the connection's send buffer hold.
        var filler = new string('x', 20_000);
        var posted = Stopwatch.StartNew();
        for (var batch = 0; batch < Events / 20; batch++)
        {
            var events = Enumerable.Range(0, 20).Select(i =>
            {
                var e = OmEvent.Created(Guid.NewGuid(), $"{prefix}.t{batch}_{i}");
                return e with { Entity = new JsonObject { ["description"] = filler } };
            }).ToArray();
            var response = await server.PostAsync(OmEvent.Batch(events));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        posted.Stop();

        var received = (await healthy.WaitForResultsAsync(Events, TimeSpan.FromSeconds(60))).Select(r => (long)r["changes"]!["sequence"]!).ToList();
        Assert.Equal(received.Order(), received);
        Assert.Equal(Events, received.Distinct().Count());

        // The stalled client reads again once it has been stalled for longer than the stall
        // timeout (ingestion may finish sooner than that): the server has given up on it.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var code = await stalled.ReadUntilClosedAsync(TimeSpan.FromSeconds(30));
        Assert.True(code is null or 4420, $"closed with {code}");
        var log = $"posting {Events} events took {posted.ElapsedMilliseconds} ms; stalled client closed with {code?.ToString() ?? "a dropped connection"}";
        Console.WriteLine(log);
    }
}
