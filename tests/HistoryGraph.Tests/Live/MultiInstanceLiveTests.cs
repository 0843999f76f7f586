using System.Net;
using System.Text.Json.Nodes;
using HistoryGraph.Live;
using HistoryGraph.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace HistoryGraph.Tests.Live;

/// Two server instances on one PostgreSQL database. The feeds' polling is switched off
/// (an interval of ten minutes), so that events can only cross instances through NOTIFY.
public class MultiInstanceLiveTests
{
    private const string Query = """
        subscription($prefix: String!, $after: Long) {
          changes(where: { fqn: { startsWith: $prefix } }, after: $after) { sequence fqn }
        }
        """;

    private const string StatsQuery = """
        subscription($prefix: String!, $after: Long) {
          changeStats(bucket: DAY, where: { fqn: { startsWith: $prefix } }, after: $after) { sequence count }
        }
        """;

    [Fact]
    public async Task every_event_posted_to_either_instance_reaches_every_subscriber_in_order_exactly_once()
    {
        var connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
        await using var a = await StartAsync(connectionString);
        await using var b = await StartAsync(connectionString);
        var prefix = Prefix();
        await using var onA = await LiveClient.StartAsync("transport-ws", a, Query, new { prefix });
        await using var onB = await LiveClient.StartAsync("transport-ws", b, Query, new { prefix });
        await using var legacyOnB = await LiveClient.StartAsync("legacy", b, Query, new { prefix });
        await using var sseOnA = await LiveClient.StartAsync("sse", a, Query, new { prefix });

        // Ten entities, each changed twice, posted in parallel to both instances.
        var posts = Enumerable.Range(0, 10).Select(async i =>
        {
            var created = OmEvent.Created(Guid.NewGuid(), $"{prefix}.t{i}");
            var first = await PostAsync(i % 2 == 0 ? a : b, created);
            var second = await PostAsync(i % 2 == 0 ? b : a, created.Next());
            return new[] { first, second };
        });
        var sequences = (await Task.WhenAll(posts)).SelectMany(s => s).Order().ToList();

        foreach (var client in new[] { onA, onB, legacyOnB, sseOnA })
        {
            var received = (await client.WaitForResultsAsync(20)).Select(r => (long)r["changes"]!["sequence"]!).ToList();
            Assert.Equal(sequences, received);
        }
        await Task.Delay(500);
        Assert.All(new[] { onA, onB, legacyOnB, sseOnA }, client => Assert.Equal(20, client.Results.Count));
    }

    [Fact]
    public async Task a_subscriber_that_reconnects_to_the_other_instance_with_after_misses_nothing()
    {
        var connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
        await using var a = await StartAsync(connectionString);
        await using var b = await StartAsync(connectionString);
        var prefix = Prefix();
        await using var client = await LiveClient.StartAsync("transport-ws", a, Query, new { prefix },
            dropAfter: 3, pauseMs: 1500, sequencePath: "changes.sequence", count: 8, resumeOn: b);

        var entity = OmEvent.Created(Guid.NewGuid(), prefix + ".moving");
        var events = new List<OmEvent> { entity };
        for (var i = 1; i < 8; i++)
            events.Add(events[^1].Next());
        var sequences = new List<long>();
        for (var i = 0; i < 3; i++)
            sequences.Add(await PostAsync(i % 2 == 0 ? a : b, events[i]));
        await client.WaitForAsync("paused");
        sequences.Add(await PostAsync(a, events[3]));
        sequences.Add(await PostAsync(b, events[4]));
        await client.WaitForAsync("resumed");
        for (var i = 5; i < 8; i++)
            sequences.Add(await PostAsync(i % 2 == 0 ? a : b, events[i]));

        var received = (await client.WaitForResultsAsync(8)).Select(r => (long)r["changes"]!["sequence"]!).ToList();
        Assert.Equal(sequences, received);
    }

    [Fact]
    public async Task after_a_database_restart_the_listener_reconnects_and_replays_what_it_missed()
    {
        await using var postgres = await PostgresServer.StartNewAsync();
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var a = await StartAsync(connectionString, "Ingestion:UnavailableRetrySeconds=15");
        // B keeps only 16 events in memory: a replay from the start must read the database.
        await using var b = await StartAsync(connectionString, "Subscriptions:FeedBufferEvents=16");
        var prefix = Prefix();
        await using var onB = await LiveClient.StartAsync("transport-ws", b, Query, new { prefix });
        await using var statsOnB = await LiveClient.StartAsync("transport-ws", b, StatsQuery, new { prefix });
        var entity = OmEvent.Created(Guid.NewGuid(), prefix + ".kept");
        var sequences = new List<long> { await PostAsync(a, entity) };
        var bulk = await a.PostAsync(OmEvent.Batch([.. Enumerable.Range(0, 20).Select(i => OmEvent.Created(Guid.NewGuid(), $"{prefix}.bulk{i}"))]));
        sequences.AddRange(JsonNode.Parse(await bulk.Content.ReadAsStringAsync())!["sequences"]!.AsArray().Select(s => (long)s!));
        await onB.WaitForResultsAsync(21);

        await postgres.StopAsync();
        var listener = b.Services.GetRequiredService<PostgresCommitListener>();
        await WaitUntilAsync(() => !listener.IsListening);
        // A replay asked for while the database is down waits for it rather than failing.
        await using var replaying = await LiveClient.StartAsync("sse", b, Query, new { prefix, after = 0 });
        await using var statsReplaying = await LiveClient.StartAsync("sse", b, StatsQuery, new { prefix, after = 0 });
        await Task.Delay(500);
        await postgres.StartAsync();
        // Posted at once, before instance B listens again: B reads them when it reconnects.
        sequences.Add(await PostAsync(a, entity.Next()));
        sequences.Add(await PostAsync(a, entity.Next().Next()));

        var received = (await onB.WaitForResultsAsync(23)).Select(r => (long)r["changes"]!["sequence"]!).ToList();
        Assert.Equal(sequences, received);
        await WaitUntilAsync(() => listener.IsListening);
        sequences.Add(await PostAsync(a, entity.Next().Next().Next()));
        received = (await onB.WaitForResultsAsync(24)).Select(r => (long)r["changes"]!["sequence"]!).ToList();
        Assert.Equal(sequences, received);
        Assert.Equal(sequences, (await replaying.WaitForResultsAsync(24)).Select(r => (long)r["changes"]!["sequence"]!));
        // The live counts (all the events fall on one day) waited for the database and missed nothing.
        foreach (var stats in new[] { statsOnB, statsReplaying })
            await stats.WaitForAsync(lines => lines.LastOrDefault(l => (long?)l["data"]?["changeStats"]?["sequence"] == sequences[^1] && (long?)l["data"]?["changeStats"]?["count"] == 24),
                "the day's count of 24 events");
    }

    private static async Task<HistoryGraphServer> StartAsync(string connectionString, params string[] settings)
    {
        var server = await HistoryGraphServer.StartAsync([$"ConnectionStrings:History={connectionString}", "Subscriptions:PollIntervalSeconds=600", .. settings]);
        await PostgresServerFixture.WaitHealthyAsync(server);
        await WaitUntilAsync(() => server.Services.GetRequiredService<PostgresCommitListener>().IsListening);
        return server;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 300 && !condition(); i++)
            await Task.Delay(100);
        Assert.True(condition());
    }

    private static async Task<long> PostAsync(HistoryGraphServer server, OmEvent e)
    {
        var response = await server.PostAsync(e.ToJson());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (long)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["sequences"]![0]!;
    }

    private static string Prefix() => "multi" + Guid.NewGuid().ToString("N")[..8];
}
