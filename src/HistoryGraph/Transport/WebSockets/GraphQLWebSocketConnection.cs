using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using GraphQL;
using HistoryGraph.Access;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Ingestion.Text;
using HistoryGraph.Transport.Streaming;

namespace HistoryGraph.Transport.WebSockets;

/// One GraphQL WebSocket connection: what both protocols share. One loop reads, one loop writes
/// (from a bounded SendBuffer); each operation runs on its own. Each protocol's handler
/// (GraphQLWs/, SubscriptionsTransportWs/) says what its messages mean.
public abstract partial class GraphQLWebSocketConnection(
    WebSocket socket,
    HttpContext http,
    StreamingOptions options,
    long maxMessageBytes,
    AccessControl access,
    IGraphQLTextSerializer serializer,
    ILogger logger,
    LiveConnectionLease connection)
{
    protected GraphQLWebSocketConnection(GraphQLWebSocketContext context)
        : this(context.Socket, context.Http, context.Options, context.MaxMessageBytes, context.Access, context.Serializer, context.Logger, context.Connection)
    {
    }

    private readonly SendBuffer _buffer = new(options.SendBufferBytes, TimeSpan.FromSeconds(options.StallTimeoutSeconds));
    private readonly ConcurrentDictionary<string, LiveOperation> _operations = new(StringComparer.Ordinal);
    // Cancelled when the connection starts closing: stops operations and timers, not socket I/O.
    private readonly CancellationTokenSource _closing = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
    private readonly Lock _closeGate = new();
    private (int Code, string Reason)? _close;
    private Caller? _caller;
    private int _initialised;

    public async Task RunAsync(CancellationToken stopping)
    {
        using var stoppingRegistration = stopping.Register(() => Close(1001, "Server shutting down"));
        _buffer.Stalled += () => Close(WebSocketCloseCodes.SubscriberTooSlow, "Subscriber too slow: resubscribe with after");
        var sending = SendLoopAsync();
        var initTimeout = InitTimeoutAsync();
        var keepAlive = KeepAliveLoopAsync();
        try
        {
            await ReceiveLoopAsync();
        }
        finally
        {
            Close(1000, "");
            await StopOperationsAsync();
            await sending;
            await Task.WhenAll(initTimeout, keepAlive);
        }
    }

    // Reads are never cancelled (that would abort the socket before the close handshake): the
    // loop ends when the client's close frame arrives, or when Close gives up and aborts.
    private async Task ReceiveLoopAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        long discardedAfterClose = 0;
        while (socket.State is WebSocketState.Open or WebSocketState.CloseSent)
        {
            buffer.ResetWrittenCount();
            ValueWebSocketReceiveResult received;
            do
            {
                try
                {
                    received = await socket.ReceiveAsync(buffer.GetMemory(4096), CancellationToken.None);
                }
                catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException)
                {
                    return;
                }
                if (received.MessageType == WebSocketMessageType.Close)
                    return;
                buffer.Advance(received.Count);
                if (buffer.WrittenCount > maxMessageBytes)
                {
                    Close(1009, "Message too big");
                    await DiscardUntilClosedAsync();
                    return;
                }
            }
            while (!received.EndOfMessage);

            if (_close is not null)
            {
                // Closing: what the client still sends no longer matters. A client that answers a
                // close with more than a message's worth of data instead of its close frame is
                // not going to close: reading on would only spend CPU on it.
                discardedAfterClose += buffer.WrittenCount;
                if (discardedAfterClose > maxMessageBytes)
                {
                    socket.Abort();
                    return;
                }
                continue;
            }
            if (received.MessageType != WebSocketMessageType.Text)
            {
                Close(WebSocketCloseCodes.BadRequest, "Messages must be text");
                continue;
            }
            await HandleAsync(buffer.WrittenMemory);
        }
    }

    private async Task DiscardUntilClosedAsync()
    {
        var scratch = new byte[4096];
        try
        {
            while (socket.State is WebSocketState.Open or WebSocketState.CloseSent)
                if ((await socket.ReceiveAsync(scratch.AsMemory(), CancellationToken.None)).MessageType == WebSocketMessageType.Close)
                    return;
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException)
        {
        }
    }

    private async Task InitTimeoutAsync()
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(options.ConnectionInitTimeoutSeconds), _closing.Token);
            if (Volatile.Read(ref _initialised) == 0)
                Close(WebSocketCloseCodes.ConnectionInitialisationTimeout, "Connection initialisation timeout");
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task HandleAsync(ReadOnlyMemory<byte> text)
    {
        // Lone surrogate escapes and excessive nesting are refused here, before any string of
        // the message is read (reading one would throw).
        if (StrictText.JsonProblem(text.Span) is not null)
        {
            Close(WebSocketCloseCodes.BadRequest, "Invalid message received: not valid JSON text");
            return;
        }
        JsonElement message;
        using (var document = JsonDocument.Parse(text))
            message = document.RootElement.Clone();
        var type = message.ValueKind == JsonValueKind.Object && message.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        var id = message.ValueKind == JsonValueKind.Object && message.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
        var payload = message.ValueKind == JsonValueKind.Object && message.TryGetProperty("payload", out var p) ? p : (JsonElement?)null;
        await HandleAsync(type, id, payload);
    }

    /// One message of the protocol, by its type.
    protected abstract Task HandleAsync(string? type, string? id, JsonElement? payload);

    /// The message type of the keep-alives the server sends.
    protected abstract string KeepAliveType { get; }

    /// Said to a client whose connection_init was refused, before the connection closes.
    protected virtual void OnRefused(string message)
    {
    }

    /// Said after connection_ack.
    protected virtual void OnAcknowledged()
    {
    }

    protected void CloseForUnknownType(string? type) =>
        Close(WebSocketCloseCodes.BadRequest, $"Invalid message received: unknown type '{Truncate(type ?? "(none)")}'");

    protected async Task InitialiseAsync(JsonElement? payload)
    {
        if (Interlocked.Exchange(ref _initialised, 1) == 1)
        {
            Close(WebSocketCloseCodes.TooManyInitialisationRequests, "Too many initialisation requests");
            return;
        }
        var decision = await access.DecideAsync(http, AccessRole.Reader, payload);
        if (!decision.Allowed)
        {
            logger.LogInformation("Refused a live connection: {Message}", decision.Message);
            OnRefused(decision.Message!);
            // 4429 is the protocol's "too many" code; a client that backs off and reconnects gets in.
            if (decision.Status == StatusCodes.Status429TooManyRequests)
                Close(WebSocketCloseCodes.TooManyInitialisationRequests, "Too many requests");
            else
                Close(WebSocketCloseCodes.Forbidden, "Forbidden");
            return;
        }
        _caller = decision.Caller;
        if (decision.Caller!.ExpiresAt is { } expires)
            _ = EndWhenExpiredAsync(expires);
        Send(Frame("connection_ack", null, null));
        OnAcknowledged();
    }

    /// A credential that expires (a token, a key with an expiry) ends the connection then, with
    /// 4403: the client connects again with a new one and resumes with `after:`.
    private async Task EndWhenExpiredAsync(DateTimeOffset expires)
    {
        try
        {
            // In steps of at most a day: a timer cannot wait for a key that expires in a year.
            while (expires - DateTimeOffset.UtcNow is var left && left > TimeSpan.Zero)
                await Task.Delay(left < TimeSpan.FromDays(1) ? left : TimeSpan.FromDays(1), _closing.Token);
            Close(WebSocketCloseCodes.Forbidden, "Forbidden: the credentials have expired");
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task KeepAliveLoopAsync()
    {
        var interval = TimeSpan.FromSeconds(Math.Max(0.1, options.KeepAliveSeconds));
        try
        {
            using var timer = new PeriodicTimer(interval);
            while (await timer.WaitForNextTickAsync(_closing.Token))
            {
                if (Volatile.Read(ref _initialised) == 1 && _caller is not null)
                    Send(Frame(KeepAliveType, null, null));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
