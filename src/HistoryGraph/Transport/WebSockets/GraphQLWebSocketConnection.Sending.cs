using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;

namespace HistoryGraph.Transport.WebSockets;

/// What a connection sends: the send loop, closing, message frames.
public abstract partial class GraphQLWebSocketConnection
{
    // Sends until Close completes the buffer, then sends the close frame. After a stall the
    // queued messages are dropped: the client resumes with `after` and gets them again.
    private async Task SendLoopAsync()
    {
        try
        {
            while (await _buffer.Messages.WaitToReadAsync())
            {
                while (_buffer.Messages.TryRead(out var message))
                {
                    if (_buffer.IsStalled)
                        continue;
                    await socket.SendAsync(message, WebSocketMessageType.Text, true, CancellationToken.None);
                    _buffer.Sent(message);
                }
            }
            var (code, reason) = _close ?? (1000, "");
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                await socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, CancellationToken.None);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException)
        {
        }
    }

    /// Ends the connection with this code (the first one given wins): operations stop, what is
    /// queued is sent, then the close frame. A client that does not take part in the closing
    /// handshake within a few seconds (one that stopped reading, typically) is disconnected.
    protected void Close(int code, string reason)
    {
        lock (_closeGate)
        {
            if (_close is not null)
                return;
            _close = (code, reason);
        }
        if (code is not (1000 or 1001))
            logger.LogInformation("Closing a GraphQL WebSocket: {Code} {Reason}", code, reason);
        _closing.Cancel();
        _buffer.Complete();
        // A stalled client is given longer: the message being sent when it stopped reading must
        // reach it before the close frame can, should it start reading again.
        var grace = TimeSpan.FromSeconds(code == WebSocketCloseCodes.SubscriberTooSlow ? Math.Max(5, options.StallTimeoutSeconds) : 5);
        _ = Task.Delay(grace).ContinueWith(_ =>
        {
            if (socket.State is not (WebSocketState.Closed or WebSocketState.Aborted))
                socket.Abort();
        }, TaskScheduler.Default);
    }

    protected void Send(byte[] message) => _buffer.Enqueue(message);

    protected static byte[] Frame(string type, string? id, byte[]? payloadJson)
    {
        var output = new ArrayBufferWriter<byte>(64 + (id?.Length ?? 0) + (payloadJson?.Length ?? 0));
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            if (id is not null)
                writer.WriteString("id", id);
            writer.WriteString("type", type);
            if (payloadJson is not null)
            {
                writer.WritePropertyName("payload");
                writer.WriteRawValue(payloadJson, skipInputValidation: true);
            }
            writer.WriteEndObject();
        }
        return output.WrittenSpan.ToArray();
    }

    // `{"id":...,"type":...,"payload":`, made once per operation: a result is then framed by
    // copying, which matters when one event goes to thousands of subscribers.
    private static byte[] PayloadPrefix(string type, string id)
    {
        var frame = Frame(type, id, null);
        return Concat(frame.AsSpan(0, frame.Length - 1), ","u8, "\"payload\":"u8);
    }

    private static byte[] Concat(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, ReadOnlySpan<byte> third)
    {
        var message = new byte[first.Length + second.Length + third.Length];
        first.CopyTo(message);
        second.CopyTo(message.AsSpan(first.Length));
        third.CopyTo(message.AsSpan(first.Length + second.Length));
        return message;
    }

    protected static string Truncate(string text) => text.Length <= 60 ? text : text[..60];
}
