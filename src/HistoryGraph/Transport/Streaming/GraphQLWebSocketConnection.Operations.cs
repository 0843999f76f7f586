using System.Text;
using System.Text.Json;
using GraphQL;
using HistoryGraph.Live;

namespace HistoryGraph.Transport.Streaming;

/// The operations of a connection: starting them, their errors, stopping them.
public sealed partial class GraphQLWebSocketConnection
{
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
            SendErrors(id, $"This connection already runs {options.MaxSubscriptionsPerConnection} operations (Streaming:MaxSubscriptionsPerConnection).", "TOO_MANY_SUBSCRIPTIONS");
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

    private async Task StopOperationsAsync()
    {
        foreach (var id in _operations.Keys.ToList())
            if (_operations.TryRemove(id, out var operation))
                await operation.DisposeAsync();
    }
}
