using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace HistoryGraph.Tests.Live;

/// The corners of graphql-transport-ws and of the legacy protocol, message by message: every
/// close code, keep-alives, completion both ways, limits and API keys.
public class GraphQLWebSocketProtocolTests(GraphQLWebSocketProtocolTests.ServerFixture fixture) : IClassFixture<GraphQLWebSocketProtocolTests.ServerFixture>
{
    public sealed class ServerFixture : SqliteServerFixture
    {
        protected override string[] Settings =>
            ["Subscriptions:ConnectionInitTimeoutSeconds=1", "Subscriptions:MaxSubscriptionsPerConnection=2", "Subscriptions:KeepAliveSeconds=1"];
    }

    private const string Subscription = "subscription { changes { sequence } }";
    private readonly HistoryGraphServer _server = fixture.Server;

    private static JsonObject Message(string id, string type, string query) =>
        new() { ["id"] = id, ["type"] = type, ["payload"] = new JsonObject { ["query"] = query } };

    [Fact]
    public async Task init_is_acknowledged_and_pings_are_answered_with_pongs()
    {
        await using var socket = await ProtocolSocket.ConnectAsync(_server);
        Assert.Equal("graphql-transport-ws", socket.SubProtocol);
        await socket.InitAsync();
        await socket.SendAsync("""{"type":"ping","payload":{"n":1}}""");
        var pong = await socket.ReceiveAsync("pong");
        Assert.Equal(1, (int)pong["payload"]!["n"]!);
        // The server pings an idle connection (Subscriptions:KeepAliveSeconds).
        await socket.ReceiveAsync("ping", TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task a_query_over_the_socket_gives_next_then_complete()
    {
        await using var socket = await ProtocolSocket.ConnectAsync(_server);
        await socket.InitAsync();
        await socket.SendAsync("""{"id":"q1","type":"subscribe","payload":{"query":"{ __typename }"}}""");
        var next = await socket.ReceiveAsync("next");
        Assert.Equal("q1", (string?)next["id"]);
        Assert.Equal("Query", (string?)next["payload"]!["data"]!["__typename"]);
        Assert.Equal("q1", (string?)(await socket.ReceiveAsync("complete"))["id"]);
    }

    [Fact]
    public async Task an_invalid_operation_gives_an_error_message_with_codes_and_the_connection_stays()
    {
        await using var socket = await ProtocolSocket.ConnectAsync(_server);
        await socket.InitAsync();
        await socket.SendAsync("""{"id":"bad","type":"subscribe","payload":{"query":"subscription { nothing }"}}""");
        var error = await socket.ReceiveAsync("error");
        Assert.Equal("bad", (string?)error["id"]);
        Assert.NotNull(error["payload"]!.AsArray()[0]!["extensions"]!["code"]);
        await socket.SendAsync("""{"id":"ok","type":"subscribe","payload":{"query":"{ __typename }"}}""");
        await socket.ReceiveAsync("complete");
    }

    [Fact]
    public async Task complete_from_the_client_stops_the_subscription_and_frees_its_id()
    {
        await using var socket = await ProtocolSocket.ConnectAsync(_server);
        await socket.InitAsync();
        await socket.SendAsync(Message("s", "subscribe", Subscription));
        await socket.SendAsync("""{"id":"s","type":"complete"}""");
        // The same id can be used again at once, and the stopped subscription sends nothing.
        await socket.SendAsync("""{"id":"s","type":"subscribe","payload":{"query":"{ __typename }"}}""");
        Assert.Equal("s", (string?)(await socket.ReceiveAsync("next"))["id"]);
        await socket.ReceiveAsync("complete");
    }

    [Fact]
    public async Task more_subscriptions_than_the_limit_get_an_error()
    {
        await using var socket = await ProtocolSocket.ConnectAsync(_server);
        await socket.InitAsync();
        foreach (var id in new[] { "1", "2", "3" })
            await socket.SendAsync(Message(id, "subscribe", Subscription));
        var error = await socket.ReceiveAsync("error");
        Assert.Equal("3", (string?)error["id"]);
        Assert.Equal("TOO_MANY_SUBSCRIPTIONS", (string?)error["payload"]![0]!["extensions"]!["code"]);
    }

    [Theory]
    [InlineData("""{"id":"x","type":"subscribe","payload":{"query":"{ __typename }"}}""", 4401)] // before connection_init
    [InlineData("""not json""", 4400)]
    [InlineData("""{"type":"who-knows"}""", 4400)]
    public async Task protocol_errors_before_init_close_with_the_protocols_codes(string message, int code)
    {
        await using var socket = await ProtocolSocket.ConnectAsync(_server);
        await socket.SendAsync(message);
        Assert.Equal(code, await socket.ReceiveCloseAsync());
    }

    [Fact]
    public async Task a_second_init_closes_with_4429()
    {
        await using var socket = await ProtocolSocket.ConnectAsync(_server);
        await socket.InitAsync();
        await socket.SendAsync("""{"type":"connection_init"}""");
        Assert.Equal(4429, await socket.ReceiveCloseAsync());
    }

    [Fact]
    public async Task a_duplicate_operation_id_closes_with_4409()
    {
        await using var socket = await ProtocolSocket.ConnectAsync(_server);
        await socket.InitAsync();
        await socket.SendAsync(Message("dup", "subscribe", Subscription));
        await socket.SendAsync(Message("dup", "subscribe", Subscription));
        Assert.Equal(4409, await socket.ReceiveCloseAsync());
        Assert.Contains("dup", socket.CloseDescription);
    }

    [Fact]
    public async Task a_subscribe_without_a_query_closes_with_4400()
    {
        await using var socket = await ProtocolSocket.ConnectAsync(_server);
        await socket.InitAsync();
        await socket.SendAsync("""{"id":"1","type":"subscribe","payload":{"variables":{}}}""");
        Assert.Equal(4400, await socket.ReceiveCloseAsync());
    }

    [Fact]
    public async Task no_init_within_the_timeout_closes_with_4408()
    {
        await using var socket = await ProtocolSocket.ConnectAsync(_server);
        Assert.Equal(4408, await socket.ReceiveCloseAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task an_unknown_subprotocol_closes_with_4406()
    {
        await using var socket = await ProtocolSocket.ConnectAsync(_server, "graphql-unknown");
        Assert.Equal(4406, await socket.ReceiveCloseAsync());
    }

    [Fact]
    public async Task the_legacy_protocol_acknowledges_keeps_alive_and_stops()
    {
        await using var socket = await ProtocolSocket.ConnectAsync(_server, "graphql-ws");
        Assert.Equal("graphql-ws", socket.SubProtocol);
        await socket.SendAsync("""{"type":"connection_init","payload":{}}""");
        await socket.ReceiveAsync("connection_ack");
        await socket.ReceiveAsync("ka");
        await socket.SendAsync("""{"id":"1","type":"start","payload":{"query":"{ __typename }"}}""");
        Assert.Equal("Query", (string?)(await socket.ReceiveAsync("data"))["payload"]!["data"]!["__typename"]);
        await socket.ReceiveAsync("complete");
        await socket.SendAsync(Message("2", "start", Subscription));
        await socket.SendAsync("""{"id":"2","type":"stop"}""");
        await socket.SendAsync("""{"type":"connection_terminate"}""");
        Assert.Equal(1000, await socket.ReceiveCloseAsync());
    }

    [Fact]
    public async Task a_plain_http_subscription_is_told_to_use_a_stream()
    {
        var response = await _server.Client.PostAsync("/graphql", new StringContent(new JsonObject { ["query"] = Subscription }.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        Assert.Equal("SUBSCRIPTION_NEEDS_STREAM", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![0]!["extensions"]!["code"]);
    }

    [Fact]
    public async Task sse_answers_a_query_as_next_then_complete()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent("""{"query":"{ __typename }"}""", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        var response = await _server.Client.SendAsync(request);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal("event: next\ndata: {\"data\":{\"__typename\":\"Query\"}}\n\nevent: complete\ndata:\n\n", body);
    }

    [Fact]
    public async Task sse_over_get_streams_a_subscription_and_refuses_a_mutation()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("subscription { changes { sequence } }"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await _server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);

        var mutation = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("mutation { x }"));
        mutation.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await _server.Client.SendAsync(mutation)).StatusCode);
    }
}
