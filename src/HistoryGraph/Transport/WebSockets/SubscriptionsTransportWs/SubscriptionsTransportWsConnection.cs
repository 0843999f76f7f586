using System.Text.Json;

namespace HistoryGraph.Transport.WebSockets.SubscriptionsTransportWs;

/// The older `graphql-ws` subprotocol of Apollo's subscriptions-transport-ws: start -> data* ->
/// complete, stop, connection_error, `ka` keep-alives, connection_terminate. A request it cannot
/// read is an error message for that operation, not a closed connection, and an id used again
/// restarts its operation, as Apollo's server does.
public sealed class SubscriptionsTransportWsConnection(GraphQLWebSocketContext context) : GraphQLWebSocketConnection(context)
{
    public const string Protocol = "graphql-ws";

    protected override string KeepAliveType => "ka";

    protected override string NextType => "data";

    protected override async Task HandleAsync(string? type, string? id, JsonElement? payload)
    {
        switch (type)
        {
            case "connection_init":
                await InitialiseAsync(payload);
                break;
            case "start":
                await StartOperationAsync(id, payload);
                break;
            case "stop":
                await StopOperationAsync(id);
                break;
            case "connection_terminate":
                Close(1000, "");
                break;
            default:
                CloseForUnknownType(type);
                break;
        }
    }

    protected override void OnRefused(string message) =>
        Send(Frame("connection_error", null, JsonSerializer.SerializeToUtf8Bytes(new { message = "Forbidden: " + message })));

    protected override void OnAcknowledged() => Send(Frame("ka", null, null));

    protected override void RefuseRequest(string id, string problem) => SendErrors(id, problem, "INVALID_REQUEST");

    protected override Task ReleaseIdAsync(string id) => StopOperationAsync(id);
}
