using System.Net;
using System.Text.Json.Nodes;
using HistoryGraph.TestSupport;

namespace HistoryGraph.Tests.Live;

/// Subscriptions with the public clients (graphql-ws, Apollo's subscriptions-transport-ws,
/// graphql-sse) against the real server, on each store.
public abstract class LiveSubscriptionTests(HistoryGraphServer server)
{
    private const string ChangesQuery = """
        subscription($prefix: String!, $after: Long) {
          changes(where: { fqn: { startsWith: $prefix } }, after: $after) {
            sequence eventType fqn user { name } entity { fqn lifecycle } fieldChanges { path }
          }
        }
        """;

    [Theory]
    [InlineData("transport-ws")]
    [InlineData("legacy")]
    [InlineData("sse")]
    public async Task committed_changes_arrive_in_order_with_their_details(string protocol)
    {
        var prefix = Prefix();
        await using var client = await LiveClient.StartAsync(protocol, server, ChangesQuery, new { prefix });

        var created = OmEvent.Created(Guid.NewGuid(), prefix + ".orders") with { UserName = "ada" };
        await PostAsync(created);
        await PostAsync(OmEvent.Created(Guid.NewGuid(), "elsewhere." + prefix)); // does not match
        var described = created.Next().Set("description", "Orders placed online");
        await PostAsync(described);
        await PostAsync(described.Next("entitySoftDeleted"));

        var results = (await client.WaitForResultsAsync(3)).Select(r => r["changes"]!).ToList();
        Assert.Equal(["entityCreated", "entityUpdated", "entitySoftDeleted"], results.Select(r => (string)r["eventType"]!));
        Assert.All(results, r => Assert.Equal(prefix + ".orders", (string?)r["fqn"]));
        Assert.Equal("ada", (string?)results[0]["user"]!["name"]);
        Assert.Equal(["description"], results[1]["fieldChanges"]!.AsArray().Select(f => (string)f!["path"]!));
        Assert.Equal(prefix + ".orders", (string?)results[2]["entity"]!["fqn"]);
        var sequences = results.Select(r => (long)r["sequence"]!).ToList();
        Assert.Equal(sequences.Order(), sequences);
        await Task.Delay(300);
        Assert.Equal(3, client.Results.Count);
    }

    [Fact]
    public async Task after_replays_what_was_stored_and_then_continues_live()
    {
        var prefix = Prefix();
        var first = OmEvent.Created(Guid.NewGuid(), prefix + ".a");
        var stored = new List<long>();
        foreach (var e in new[] { first, first.Next(), first.Next().Next() })
            stored.Add(await PostAsync(e));

        await using var client = await LiveClient.StartAsync("transport-ws", server, ChangesQuery, new { prefix, after = stored[0] - 1 });
        var replayed = await client.WaitForResultsAsync(3);
        Assert.Equal(stored, replayed.Select(r => (long)r["changes"]!["sequence"]!));

        var later = OmEvent.Created(Guid.NewGuid(), prefix + ".b");
        stored.Add(await PostAsync(later));
        stored.Add(await PostAsync(later.Next()));
        var all = await client.WaitForResultsAsync(5);
        Assert.Equal(stored, all.Select(r => (long)r["changes"]!["sequence"]!));
    }

    [Theory]
    [InlineData("transport-ws")]
    [InlineData("sse")]
    public async Task a_client_that_reconnects_with_after_misses_nothing_and_repeats_nothing(string protocol)
    {
        var prefix = Prefix();
        await using var client = await LiveClient.StartAsync(protocol, server, ChangesQuery, new { prefix },
            dropAfter: 2, pauseMs: 1500, sequencePath: "changes.sequence", count: 6);
        var entity = OmEvent.Created(Guid.NewGuid(), prefix + ".t");
        var events = new List<OmEvent> { entity };
        for (var i = 1; i < 6; i++)
            events.Add(events[^1].Next());
        var sequences = new List<long> { await PostAsync(events[0]), await PostAsync(events[1]) };
        await client.WaitForAsync("paused");
        // Committed while the client is away: replayed when it comes back with `after`.
        sequences.Add(await PostAsync(events[2]));
        sequences.Add(await PostAsync(events[3]));
        await client.WaitForAsync("resumed");
        sequences.Add(await PostAsync(events[4]));
        sequences.Add(await PostAsync(events[5]));

        var results = await client.WaitForResultsAsync(6);
        Assert.Equal(sequences, results.Select(r => (long)r["changes"]!["sequence"]!));
        await client.WaitForAsync("done");
    }

    [Fact]
    public async Task entityChanged_follows_one_entity_by_id_or_by_fqn()
    {
        var prefix = Prefix();
        var watched = OmEvent.Created(Guid.NewGuid(), prefix + ".watched");
        const string query = "subscription($id: UUID, $fqn: String) { entityChanged(entityId: $id, fqn: $fqn) { sequence entityId eventType } }";
        await using var byId = await LiveClient.StartAsync("transport-ws", server, query, new { id = watched.EntityId });
        await using var byFqn = await LiveClient.StartAsync("legacy", server, query, new { fqn = prefix + ".watched" });

        await PostAsync(watched);
        await PostAsync(OmEvent.Created(Guid.NewGuid(), prefix + ".other"));
        await PostAsync(watched.Next());

        foreach (var client in new[] { byId, byFqn })
        {
            var results = await client.WaitForResultsAsync(2);
            Assert.All(results, r => Assert.Equal(watched.EntityId.ToString(), (string?)r["entityChanged"]!["entityId"]));
            Assert.Equal(["entityCreated", "entityUpdated"], results.Select(r => (string)r["entityChanged"]!["eventType"]!));
        }
    }

    [Fact]
    public async Task entityChanged_without_an_entity_is_an_error_with_a_code()
    {
        await using var client = await LiveClient.StartAsync("transport-ws", server, "subscription { entityChanged { sequence } }", waitUntilSubscribed: false);
        var error = await client.WaitForAsync("error");
        Assert.Contains("INVALID_ARGUMENT", error.ToJsonString());
    }

    [Fact]
    public async Task deletions_stream_the_deletes_that_match_the_filter()
    {
        var prefix = Prefix();
        const string query = "subscription($prefix: String!) { deletions(where: { fqn: { startsWith: $prefix }, kind: { eq: HARD } }) { eventSequence fqn kind deletedBy entity { lifecycle } } }";
        await using var client = await LiveClient.StartAsync("sse", server, query, new { prefix });

        var soft = OmEvent.Created(Guid.NewGuid(), prefix + ".soft");
        await PostAsync(soft);
        await PostAsync(soft.Next("entitySoftDeleted"));
        var hard = OmEvent.Created(Guid.NewGuid(), prefix + ".hard");
        await PostAsync(hard);
        var deleted = await PostAsync(hard.Next("entityDeleted") with { UserName = "grace" });

        var result = (await client.WaitForResultsAsync(1))[0]["deletions"]!;
        Assert.Equal(deleted, (long)result["eventSequence"]!);
        Assert.Equal(prefix + ".hard", (string?)result["fqn"]);
        Assert.Equal("HARD", (string?)result["kind"]);
        Assert.Equal("grace", (string?)result["deletedBy"]);
        Assert.Equal("HARD_DELETED", (string?)result["entity"]!["lifecycle"]);
        await Task.Delay(300);
        Assert.Single(client.Results);
    }

    [Fact]
    public async Task nested_entity_filters_apply_live_as_in_queries()
    {
        var prefix = Prefix();
        const string query = "subscription($prefix: String!) { changes(where: { fqn: { startsWith: $prefix }, entity: { lifecycle: { eq: SOFT_DELETED } } }) { fqn eventType } }";
        await using var client = await LiveClient.StartAsync("transport-ws", server, query, new { prefix });
        var kept = OmEvent.Created(Guid.NewGuid(), prefix + ".kept");
        var dropped = OmEvent.Created(Guid.NewGuid(), prefix + ".dropped");
        await PostAsync(kept);
        var created = await PostAsync(dropped);
        // The feed reads an event with the entity as it is when the feed reads it: let it read
        // the creation before the entity is soft-deleted, or both events would show that state.
        for (var i = 0; i < 100 && JsonNode.Parse(await server.Client.GetStringAsync("/health"))!["live"]!["feedSequence"]!.GetValue<long>() < created; i++)
            await Task.Delay(50);
        await PostAsync(dropped.Next("entitySoftDeleted"));

        var result = (await client.WaitForResultsAsync(1))[0]["changes"]!;
        Assert.Equal(prefix + ".dropped", (string?)result["fqn"]);
        Assert.Equal("entitySoftDeleted", (string?)result["eventType"]);
    }

    private async Task<long> PostAsync(OmEvent e)
    {
        var response = await server.PostAsync(e.ToJson());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return (long)body["sequences"]![0]!;
    }

    private static string Prefix() => "live" + Guid.NewGuid().ToString("N")[..8];
}

public sealed class PostgresLiveSubscriptionTests(PostgresServerFixture fixture) : LiveSubscriptionTests(fixture.Server), IClassFixture<PostgresServerFixture>;

public sealed class SqliteLiveSubscriptionTests(SqliteServerFixture fixture) : LiveSubscriptionTests(fixture.Server), IClassFixture<SqliteServerFixture>;
