using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using HistoryGraph.Transport.Streaming;
using Microsoft.Extensions.DependencyInjection;

namespace HistoryGraph.Tests.Live;

/// Configured reader keys (Streaming:ApiKeys) on live connections, with anonymous reads off,
/// and the connection limit (Streaming:MaxConnections).
public class LiveAccessTests(LiveAccessTests.ServerFixture fixture) : IClassFixture<LiveAccessTests.ServerFixture>
{
    public sealed class ServerFixture : SqliteServerFixture
    {
        protected override string[] Settings => ["Streaming:ApiKeys:0=key-one", "Streaming:ApiKeys:1=key-two", "Streaming:MaxConnections=2", "Auth:AllowAnonymousReads=false"];
    }

    private readonly HistoryGraphServer _server = fixture.Server;

    [Fact]
    public async Task a_connection_init_without_a_valid_key_closes_with_4403()
    {
        await using var socket = await ProtocolSocket.ConnectAsync(_server);
        await socket.SendAsync("""{"type":"connection_init","payload":{"apiKey":"wrong"}}""");
        Assert.Equal(4403, await socket.ReceiveCloseAsync());
    }

    [Theory]
    [InlineData("""{"apiKey":"key-one"}""")]
    [InlineData("""{"Authorization":"Bearer key-two"}""")]
    [InlineData("""{"headers":{"authorization":"Bearer key-one"}}""")]
    public async Task a_key_in_the_init_payload_is_accepted(string payload)
    {
        await using var socket = await ProtocolSocket.ConnectAsync(_server);
        await socket.InitAsync((JsonObject)JsonNode.Parse(payload)!);
    }

    [Fact]
    public async Task a_key_in_the_upgrade_request_header_is_accepted()
    {
        await using var socket = await ProtocolSocket.ConnectAsync(_server, apiKeyHeader: "key-two");
        await socket.InitAsync();
    }

    [Fact]
    public async Task the_graphql_ws_client_passes_its_key_through_connectionParams()
    {
        await using var client = await LiveClient.StartAsync("transport-ws", _server, "subscription { changes { sequence } }", connectionParams: new { apiKey = "key-one" });
        await using var refused = await LiveClient.StartAsync("transport-ws", _server, "subscription { changes { sequence } }", connectionParams: new { apiKey = "nope" }, waitUntilSubscribed: false);
        Assert.Contains("4403", (await refused.WaitForAsync("error")).ToJsonString());
    }

    [Fact]
    public async Task legacy_clients_get_connection_error_then_4403()
    {
        await using var socket = await ProtocolSocket.ConnectAsync(_server, "graphql-ws");
        await socket.SendAsync("""{"type":"connection_init","payload":{}}""");
        Assert.Contains("Forbidden", (string?)(await socket.ReceiveAsync("connection_error"))["payload"]!["message"]);
        Assert.Equal(4403, await socket.ReceiveCloseAsync());
    }

    [Fact]
    public async Task sse_needs_the_key_in_a_header()
    {
        var refused = await _server.Client.SendAsync(EventStreamRequest(null));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("AUTH_NOT_AUTHENTICATED", (string?)JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["errors"]![0]!["extensions"]!["code"]);
        var accepted = await _server.Client.SendAsync(EventStreamRequest("key-one"));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.StartsWith("event: next", await accepted.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task connections_beyond_the_limit_are_answered_503()
    {
        // Connections of the class's other tests may still be closing.
        var limit = _server.Services.GetRequiredService<LiveConnectionLimit>();
        for (var i = 0; i < 100 && limit.Open > 0; i++)
            await Task.Delay(100);
        await using var first = await ProtocolSocket.ConnectAsync(_server);
        await using var second = await ProtocolSocket.ConnectAsync(_server);
        var refused = await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() => ProtocolSocket.ConnectAsync(_server));
        Assert.Contains("503", refused.Message);
        var sse = await _server.Client.SendAsync(EventStreamRequest("key-one"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, sse.StatusCode);
        Assert.NotNull(sse.Headers.RetryAfter);

        await first.DisposeAsync();
        await Task.Delay(500);
        await using var third = await ProtocolSocket.ConnectAsync(_server);
        await third.InitAsync(new JsonObject { ["apiKey"] = "key-one" });
    }

    private static HttpRequestMessage EventStreamRequest(string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent("""{"query":"{ __typename }"}""", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (key is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return request;
    }
}
