using HistoryGraph.TestSupport;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json.Nodes;

namespace HistoryGraph.Tests.Live;

/// Connections that make the server hold memory or slots without being subscribers: pings
/// whose pongs are never read, connections that never initialise, messages that are not text.
public class ControlFrameFloodTests : IDisposable
{
    private readonly string _path = TestStores.NewSqlitePath();

    public void Dispose()
    {
        TestStores.DeleteSqlite(_path);
    }

    private async Task<HistoryGraphServer> StartAsync(params string[] settings)
    {
        var server = await HistoryGraphServer.StartAsync([$"ConnectionStrings:History=Data Source={_path}", .. settings]);
        await PostgresServerFixture.WaitHealthyAsync(server);
        return server;
    }

    [Fact]
    public async Task a_client_that_pings_and_never_reads_the_pongs_is_cut_off()
    {
        await using var server = await StartAsync("Subscriptions:SendBufferBytes=65536", "Subscriptions:StallTimeoutSeconds=2");
        await using var flooder = await StalledSocket.ConnectAsync(server);
        var ping = $$$"""{"type":"ping","payload":{"x":"{{{new string('p', 256 * 1024)}}}"}}""";
        var watch = Stopwatch.StartNew();
        var sent = 0;
        // The server must stop taking them: after queueing more pongs than twice its send
        // buffer it closes the connection, and the client's writes then fail.
        try
        {
            while (watch.Elapsed < TimeSpan.FromSeconds(30))
            {
                await flooder.SendTextAsync(ping);
                sent++;
            }
        }
        catch (IOException)
        {
        }
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"still accepting pings after {sent} of 256 KB");
        Assert.True((await server.Client.GetAsync("/health")).IsSuccessStatusCode);
    }

    [Fact]
    public async Task a_connection_that_never_initialises_gives_its_slot_back_within_seconds()
    {
        await using var server = await StartAsync();
        await using var socket = await ProtocolSocket.ConnectAsync(server);
        var watch = Stopwatch.StartNew();
        Assert.Equal(4408, await socket.ReceiveCloseAsync(TimeSpan.FromSeconds(20)));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(8), $"closed after {watch.Elapsed}");
    }

    [Theory]
    [InlineData("""{"type":"\ud800"}""")]
    [InlineData("""{"type":"subscribe","id":"\udc00","payload":{"query":"subscription { changes { sequence } }"}}""")]
    [InlineData("""{"type":"connection_init","payload":{"apiKey":"\ud800"}}""")]
    public async Task a_message_with_a_lone_surrogate_closes_with_4400(string message)
    {
        await using var server = await StartAsync();
        await using var socket = await ProtocolSocket.ConnectAsync(server);
        if (!message.Contains("connection_init"))
            await socket.InitAsync();
        await socket.SendAsync(message);
        Assert.Equal(4400, await socket.ReceiveCloseAsync());
    }

    [Fact]
    public async Task variables_with_a_lone_surrogate_are_an_operation_error_not_a_closed_socket()
    {
        await using var server = await StartAsync();
        await using var socket = await ProtocolSocket.ConnectAsync(server);
        await socket.InitAsync();
        await socket.SendAsync(new JsonObject
        {
            ["id"] = "1",
            ["type"] = "subscribe",
            ["payload"] = new JsonObject { ["query"] = "subscription($f: String) { entityChanged(fqn: $f) { sequence } }", ["variables"] = new JsonObject { ["f"] = "nul\0" } },
        });
        var error = await socket.ReceiveAsync("error");
        Assert.Equal("INVALID_STRING", (string?)error["payload"]![0]!["extensions"]!["code"]);
        Assert.Equal(WebSocketState.Open, socket.State);
    }
}
