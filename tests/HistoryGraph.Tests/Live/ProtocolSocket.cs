using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace HistoryGraph.Tests.Live;

/// A bare WebSocket client (.NET's ClientWebSocket) that sends and reads protocol messages
/// one by one, for the protocol's corners that a full client library hides.
public sealed class ProtocolSocket : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;

    private ProtocolSocket(ClientWebSocket socket) => _socket = socket;

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;
    public WebSocketState State => _socket.State;
    public string? CloseDescription => _socket.CloseStatusDescription;
    public string? SubProtocol => _socket.SubProtocol;

    public static Task<ProtocolSocket> ConnectAsync(HistoryGraphServer server, string? subprotocol = "graphql-transport-ws", string? apiKeyHeader = null) =>
        ConnectAsync(server.Address, subprotocol, apiKeyHeader);

    public static async Task<ProtocolSocket> ConnectAsync(Uri server, string? subprotocol = "graphql-transport-ws", string? apiKeyHeader = null)
    {
        var socket = new ClientWebSocket();
        if (subprotocol is not null)
            socket.Options.AddSubProtocol(subprotocol);
        if (apiKeyHeader is not null)
            socket.Options.SetRequestHeader("X-Api-Key", apiKeyHeader);
        await socket.ConnectAsync(new UriBuilder(server) { Scheme = "ws", Path = "/graphql" }.Uri, CancellationToken.None);
        return new ProtocolSocket(socket);
    }

    public Task SendAsync(string json) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);

    public Task SendAsync(JsonObject message) => SendAsync(message.ToJsonString());

    /// The next message, or null once the server closed the connection.
    public async Task<JsonObject?> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        var buffer = new byte[64 * 1024];
        using var text = new MemoryStream();
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer, cancel.Token);
            if (result.MessageType == WebSocketMessageType.Close)
                return null;
            text.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
                return (JsonObject)JsonNode.Parse(text.ToArray())!;
        }
    }

    /// Reads until a message of this type arrives (skipping keep-alives and others).
    public async Task<JsonObject> ReceiveAsync(string type, TimeSpan? timeout = null)
    {
        while (true)
        {
            var message = await ReceiveAsync(timeout) ?? throw new InvalidOperationException($"Closed ({CloseStatus} {CloseDescription}) while waiting for '{type}'.");
            if ((string?)message["type"] == type)
                return message;
        }
    }

    /// Reads until the server closes, and answers the close as browsers do; returns the close code.
    public async Task<int> ReceiveCloseAsync(TimeSpan? timeout = null)
    {
        while (await ReceiveAsync(timeout) is not null)
        {
        }
        if (_socket.State == WebSocketState.CloseReceived)
        {
            try
            {
                await _socket.CloseOutputAsync(_socket.CloseStatus!.Value, null, CancellationToken.None);
            }
            catch (WebSocketException)
            {
                // the server gave up waiting and went
            }
        }
        return (int)_socket.CloseStatus!.Value;
    }

    public async Task InitAsync(JsonObject? payload = null)
    {
        await SendAsync(new JsonObject { ["type"] = "connection_init", ["payload"] = payload });
        await ReceiveAsync("connection_ack");
    }

    public ValueTask DisposeAsync()
    {
        _socket.Abort();
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
