using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using GraphQL;
using HistoryGraph.Live;

namespace HistoryGraph.Transport.Streaming;

/// One GraphQL WebSocket connection, in either protocol:
/// - graphql-transport-ws (the `graphql-ws` npm client): connection_init -> connection_ack,
///   subscribe -> next* -> complete, error, ping/pong both ways, protocol errors close the socket
///   with the protocol's codes (4400, 4401, 4403, 4408, 4409, 4429);
/// - the legacy `graphql-ws` protocol of Apollo's subscriptions-transport-ws: start/data/stop,
///   connection_error, `ka` keep-alives, connection_terminate.
/// One loop reads, one loop writes (from a bounded SendBuffer); each operation runs on its own.
public sealed class GraphQLWebSocketConnection(
    WebSocket socket,
    HttpContext http,
    bool legacy,
    LiveOptions options,
    long maxMessageBytes,
    IConnectionAuthenticator authenticator,
    IGraphQLTextSerializer serializer,
    ILogger logger)
{
    private readonly SendBuffer _buffer = new(options.SendBufferBytes, TimeSpan.FromSeconds(options.StallTimeoutSeconds));
    private readonly ConcurrentDictionary<string, LiveOperation> _operations = new(StringComparer.Ordinal);
    // Cancelled when the connection starts closing: stops operations and timers, not socket I/O.
    private readonly CancellationTokenSource _closing = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
    private readonly Lock _closeGate = new();
    private (int Code, string Reason)? _close;
    private ClaimsPrincipal? _user;
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
                continue; // closing: what the client still sends no longer matters
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
        JsonElement message;
        try
        {
            using var document = JsonDocument.Parse(text);
            message = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            Close(WebSocketCloseCodes.BadRequest, "Invalid message received: not JSON");
            return;
        }
        var type = message.ValueKind == JsonValueKind.Object && message.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        var id = message.ValueKind == JsonValueKind.Object && message.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
        var payload = message.ValueKind == JsonValueKind.Object && message.TryGetProperty("payload", out var p) ? p : (JsonElement?)null;
        switch (type)
        {
            case "connection_init":
                await InitialiseAsync(payload);
                break;
            case "ping" when !legacy:
                Send(Frame("pong", null, payload is { ValueKind: JsonValueKind.Object } ping ? Encoding.UTF8.GetBytes(ping.GetRawText()) : null));
                break;
            case "pong" when !legacy:
                break;
            case "subscribe" when !legacy:
            case "start" when legacy:
                await StartOperationAsync(id, payload);
                break;
            case "complete" when !legacy:
            case "stop" when legacy:
                if (id is not null && _operations.TryRemove(id, out var stopped))
                    await stopped.DisposeAsync();
                break;
            case "connection_terminate" when legacy:
                Close(1000, "");
                break;
            default:
                Close(WebSocketCloseCodes.BadRequest, $"Invalid message received: unknown type '{Truncate(type ?? "(none)")}'");
                break;
        }
    }

    private async Task InitialiseAsync(JsonElement? payload)
    {
        if (Interlocked.Exchange(ref _initialised, 1) == 1)
        {
            Close(WebSocketCloseCodes.TooManyInitialisationRequests, "Too many initialisation requests");
            return;
        }
        var user = await authenticator.AuthenticateAsync(http, payload, _closing.Token);
        if (user is null)
        {
            if (legacy)
                Send(Frame("connection_error", null, JsonSerializer.SerializeToUtf8Bytes(new { message = "Forbidden: the connection_init payload carries no valid API key." })));
            Close(WebSocketCloseCodes.Forbidden, "Forbidden");
            return;
        }
        _user = user;
        Send(Frame("connection_ack", null, null));
        if (legacy)
            Send(Frame("ka", null, null));
    }

    private async Task StartOperationAsync(string? id, JsonElement? payload)
    {
        if (string.IsNullOrEmpty(id) || payload is not { ValueKind: JsonValueKind.Object } body)
        {
            Close(WebSocketCloseCodes.BadRequest, "Invalid message received: a subscribe message needs an id and a payload object");
            return;
        }
        if (_user is null)
        {
            Close(WebSocketCloseCodes.Unauthorized, "Unauthorized");
            return;
        }
        var (request, problem) = GraphQLRequestReader.FromElement(body, serializer);
        if (request is null)
        {
            if (legacy)
                SendErrors(id, problem!, "INVALID_REQUEST");
            else
                Close(WebSocketCloseCodes.BadRequest, $"Invalid message received: {Truncate(problem!)}");
            return;
        }
        if (legacy && _operations.TryRemove(id, out var replaced))
            await replaced.DisposeAsync(); // Apollo's protocol restarts an operation whose id is reused
        if (_operations.Count >= options.MaxSubscriptionsPerConnection)
        {
            SendErrors(id, $"This connection already runs {options.MaxSubscriptionsPerConnection} operations (Subscriptions:MaxSubscriptionsPerConnection).", "TOO_MANY_SUBSCRIPTIONS");
            return;
        }
        var nextPrefix = PayloadPrefix(legacy ? "data" : "next", id);
        var operation = new LiveOperation(
            next: result => Send(Concat(nextPrefix, RenderedResult.Utf8JsonOf(result, serializer), "}"u8)),
            failed: result =>
            {
                _operations.TryRemove(id, out _);
                Send(Frame("error", id, Encoding.UTF8.GetBytes(ErrorsOf(result))));
            },
            completed: () =>
            {
                _operations.TryRemove(id, out _);
                Send(Frame("complete", id, null));
            });
        if (!_operations.TryAdd(id, operation))
        {
            Close(WebSocketCloseCodes.SubscriberAlreadyExists, $"Subscriber for {Truncate(id)} already exists");
            return;
        }
        try
        {
            await operation.StartAsync(http, request, _user, _buffer, _closing.Token);
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Operation {Id} failed to start", id);
            _operations.TryRemove(id, out _);
            SendErrors(id, "Unexpected Execution Error", "INTERNAL_SERVER_ERROR");
        }
    }

    private void SendErrors(string id, string message, string code) =>
        Send(Frame("error", id, Encoding.UTF8.GetBytes(ErrorsOf(new ExecutionResult { Errors = [new ExecutionError(message) { Code = code }] }))));

    private string ErrorsOf(ExecutionResult result)
    {
        using var document = JsonDocument.Parse(serializer.Serialize(result));
        return document.RootElement.GetProperty("errors").GetRawText();
    }

    private async Task KeepAliveLoopAsync()
    {
        var interval = TimeSpan.FromSeconds(Math.Max(0.1, options.KeepAliveSeconds));
        try
        {
            using var timer = new PeriodicTimer(interval);
            while (await timer.WaitForNextTickAsync(_closing.Token))
            {
                if (Volatile.Read(ref _initialised) == 1 && _user is not null)
                    Send(Frame(legacy ? "ka" : "ping", null, null));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

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
    private void Close(int code, string reason)
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
        _ = Task.Delay(TimeSpan.FromSeconds(5)).ContinueWith(_ =>
        {
            if (socket.State is not (WebSocketState.Closed or WebSocketState.Aborted))
                socket.Abort();
        }, TaskScheduler.Default);
    }

    private async Task StopOperationsAsync()
    {
        foreach (var id in _operations.Keys.ToList())
            if (_operations.TryRemove(id, out var operation))
                await operation.DisposeAsync();
    }

    private void Send(byte[] message) => _buffer.Enqueue(message);

    private static byte[] Frame(string type, string? id, byte[]? payloadJson)
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

    private static string Truncate(string text) => text.Length <= 60 ? text : text[..60];
}
