using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HistoryGraph.Tests.Live;
using HistoryGraph.TestSupport;

namespace HistoryGraph.Tests.Access;

/// Request rates per key and per address: past the burst, 429 RATE_LIMITED with Retry-After,
/// for that caller alone; webhook deliveries are never limited. Live operations at once per key,
/// across connections.
public class RateLimitTests(RateLimitTests.ServerFixture fixture) : IClassFixture<RateLimitTests.ServerFixture>
{
    public const string AdminKey = "rate-admin";

    public sealed class ServerFixture : SqliteServerFixture
    {
        protected override string[] Settings => [$"Admin:ApiKeys:0={AdminKey}", "Auth:AllowAnonymousReads=true",
            "Auth:RateLimits:Reader:PermitsPerMinute=60", "Auth:RateLimits:Reader:Burst=3",
            "Auth:RateLimits:Anonymous:PermitsPerMinute=60", "Auth:RateLimits:Anonymous:Burst=2", "Streaming:MaxOperationsPerCaller=2"];
    }

    private readonly HistoryGraphServer _server = fixture.Server;

    private async Task<string> ReaderKeyAsync(string name) =>
        (await _server.AdminQueryAsync($$"""mutation { createApiKey(name: "{{name}}", role: READER) { key } }""", AdminKey)).GetProperty("createApiKey").GetProperty("key").GetString()!;

    private async Task<HttpResponseMessage> ReadAsync(string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query = "{ __typename }" }) };
        if (key is not null)
            request.Headers.Add("X-Api-Key", key);
        return await _server.Client.SendAsync(request);
    }

    [Fact]
    public async Task a_key_past_its_burst_gets_429_with_retry_after_and_other_keys_do_not()
    {
        var busy = await ReaderKeyAsync("busy");
        var quiet = await ReaderKeyAsync("quiet");
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 6; i++)
        {
            var response = await ReadAsync(busy);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                refused = response;
        }
        Assert.Equal(HttpStatusCode.OK, statuses[0]);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.NotNull(refused!.Headers.RetryAfter);
        Assert.Equal("RATE_LIMITED", (string?)JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["errors"]![0]!["extensions"]!["code"]);
        Assert.Equal(HttpStatusCode.OK, (await ReadAsync(quiet)).StatusCode);

        // A live connection's init counts too, and is closed with 4429.
        await using var socket = await ProtocolSocket.ConnectAsync(_server);
        await socket.SendAsync(new JsonObject { ["type"] = "connection_init", ["payload"] = new JsonObject { ["apiKey"] = busy } });
        Assert.Equal(4429, await socket.ReceiveCloseAsync());

        // The bucket fills again: a request a little later gets through.
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.Equal(HttpStatusCode.OK, (await ReadAsync(busy)).StatusCode);
    }

    [Fact]
    public async Task anonymous_callers_are_limited_per_address_and_webhooks_not_at_all()
    {
        var anonymous = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
            anonymous.Add((await ReadAsync(null)).StatusCode);
        Assert.Contains(HttpStatusCode.TooManyRequests, anonymous);

        for (var i = 0; i < 20; i++)
        {
            var delivered = await _server.PostAsync(OmEvent.Created(Guid.NewGuid(), $"rate.db.s.t{i}").ToJson());
            Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        }
    }

    [Fact]
    public async Task a_key_runs_at_most_its_live_operations_at_once_across_connections()
    {
        var key = await ReaderKeyAsync("live");
        var other = await ReaderKeyAsync("live-other");
        await using var first = await ProtocolSocket.ConnectAsync(_server);
        await first.InitAsync(new JsonObject { ["apiKey"] = key });
        await using var second = await ProtocolSocket.ConnectAsync(_server);
        await second.InitAsync(new JsonObject { ["apiKey"] = key });
        foreach (var id in new[] { "a", "b" })
            await first.SendAsync($$$"""{"id":"{{{id}}}","type":"subscribe","payload":{"query":"subscription { changes { sequence } }"}}""");
        await Task.Delay(500);

        await second.SendAsync("""{"id":"c","type":"subscribe","payload":{"query":"subscription { changes { sequence } }"}}""");
        Assert.Equal("TOO_MANY_SUBSCRIPTIONS", (string?)(await second.ReceiveAsync("error"))["payload"]![0]!["extensions"]!["code"]);

        // Another key is not held back, and one that ends makes room.
        await using var third = await ProtocolSocket.ConnectAsync(_server);
        await third.InitAsync(new JsonObject { ["apiKey"] = other });
        await first.SendAsync("""{"id":"a","type":"complete"}""");
        await Task.Delay(500);
        await second.SendAsync("""{"id":"d","type":"subscribe","payload":{"query":"subscription { changes { sequence } }"}}""");
        await third.SendAsync("""{"id":"e","type":"subscribe","payload":{"query":"subscription { changes { sequence } }"}}""");
        Assert.Equal(HttpStatusCode.OK, (await _server.PostAsync(OmEvent.Created(Guid.NewGuid(), "rate.db.s.live").ToJson())).StatusCode);
        Assert.NotNull((await second.ReceiveAsync("next"))["payload"]!["data"]!["changes"]);
        Assert.NotNull((await third.ReceiveAsync("next"))["payload"]!["data"]!["changes"]);
    }
}
