using System.Text;
using System.Text.Json;
using GraphQL;
using HistoryGraph.Live;
using HistoryGraph.Transport.Requests;
using HistoryGraph.Transport.Streaming;

namespace HistoryGraph.Transport.WebSockets;

/// The operations of a connection: starting them, their errors, stopping them.
public abstract partial class GraphQLWebSocketConnection
{
    /// The message type of an operation's results.
    protected abstract string NextType { get; }

    /// Answers a subscribe message whose payload is no GraphQL request.
    protected abstract void RefuseRequest(string id, string problem);

    /// Frees an operation id that a new operation reuses, where the protocol allows it.
    protected virtual Task ReleaseIdAsync(string id) => Task.CompletedTask;

    protected async Task StartOperationAsync(string? id, JsonElement? payload)
    {
        if (string.IsNullOrEmpty(id) || payload is not { ValueKind: JsonValueKind.Object } body)
        {
            Close(WebSocketCloseCodes.BadRequest, "Invalid message received: a subscribe message needs an id and a payload object");
            return;
        }
        if (_caller is null)
        {
            Close(WebSocketCloseCodes.Unauthorized, "Unauthorized");
            return;
        }
        var (request, problem) = GraphQLRequestReader.FromElement(body, serializer);
        if (request is null)
        {
            RefuseRequest(id, problem!);
            return;
        }
        await ReleaseIdAsync(id);
        if (_operations.Count >= options.MaxSubscriptionsPerConnection)
        {
            SendErrors(id, $"This connection already runs {options.MaxSubscriptionsPerConnection} operations (Streaming:MaxSubscriptionsPerConnection).", "TOO_MANY_SUBSCRIPTIONS");
            return;
        }
        var nextPrefix = PayloadPrefix(NextType, id);
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
            await operation.StartAsync(http, request, _caller, _buffer, connection, _closing.Token);
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

    protected void SendErrors(string id, string message, string code) =>
        Send(Frame("error", id, Encoding.UTF8.GetBytes(ErrorsOf(new ExecutionResult { Errors = [new ExecutionError(message) { Code = code }] }))));

    private string ErrorsOf(ExecutionResult result)
    {
        using var document = JsonDocument.Parse(serializer.Serialize(result));
        return document.RootElement.GetProperty("errors").GetRawText();
    }

    protected async Task StopOperationAsync(string? id)
    {
        if (id is not null && _operations.TryRemove(id, out var stopped))
            await stopped.DisposeAsync();
    }

    private async Task StopOperationsAsync()
    {
        foreach (var id in _operations.Keys.ToList())
            if (_operations.TryRemove(id, out var operation))
                await operation.DisposeAsync();
    }
}
