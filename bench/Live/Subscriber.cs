using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace HistoryGraph.Bench.Live;

/// One graphql-transport-ws subscriber on its own WebSocket: subscribes, then records the
/// moment (Stopwatch ticks) each event's `next` arrives, by sequence.
public sealed class Subscriber(int capacity) : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly byte[] _buffer = new byte[16 * 1024];

    public List<(long Sequence, long ReceivedAt)> Received { get; } = new(capacity);
    public int Errors { get; private set; }

    /// The highest sequence received so far (-1 before any).
    public long LastSequence => Volatile.Read(ref _lastSequence);
    private long _lastSequence = -1;
    private Task _reading = Task.CompletedTask;
    private TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task StartAsync(Uri server, string query)
    {
        _socket.Options.AddSubProtocol("graphql-transport-ws");
        _socket.Options.KeepAliveInterval = Timeout.InfiniteTimeSpan;
        await _socket.ConnectAsync(new UriBuilder(server) { Scheme = "ws", Path = "/graphql" }.Uri, CancellationToken.None);
        await SendAsync("""{"type":"connection_init"}""");
        await SendAsync(JsonSerializer.Serialize(new { id = "live", type = "subscribe", payload = new { query } }));
        // Messages are handled in order: when this query completes, the subscription is in place.
        await SendAsync("""{"id":"ready","type":"subscribe","payload":{"query":"{ __typename }"}}""");
        _reading = ReadAsync();
        await _ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    private async Task ReadAsync()
    {
        try
        {
            while (true)
            {
                var count = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(_buffer.AsMemory(count), CancellationToken.None);
                    count += result.Count;
                }
                while (!result.EndOfMessage);
                if (result.MessageType == WebSocketMessageType.Close)
                    return;
                var now = Stopwatch.GetTimestamp();
                Handle(_buffer.AsSpan(0, count), now);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private void Handle(ReadOnlySpan<byte> message, long now)
    {
        var reader = new Utf8JsonReader(message);
        string? type = null, id = null;
        long sequence = -1;
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
                continue;
            if (reader.ValueTextEquals("type") && reader.Read())
                type = reader.GetString();
            else if (reader.ValueTextEquals("id") && reader.Read())
                id = reader.GetString();
            else if (reader.ValueTextEquals("sequence") && reader.Read())
                sequence = reader.GetInt64();
            else if (reader.ValueTextEquals("errors"))
                Errors++;
        }
        if (type == "complete" && id == "ready")
            _ready.TrySetResult();
        else if (type == "next" && id == "live" && sequence >= 0)
        {
            Received.Add((sequence, now));
            Volatile.Write(ref _lastSequence, Math.Max(_lastSequence, sequence));
        }
        else if (type == "ping")
            _ = SendAsync("""{"type":"pong"}""");
    }

    private Task SendAsync(string text) => _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        _socket.Abort();
        await _reading;
        _socket.Dispose();
    }
}
