using System.Text;
using System.Text.Json;

namespace HistoryGraph.Transport.WebSockets.GraphQLWs;

/// graphql-transport-ws, the protocol of the `graphql-ws` npm client: connection_init ->
/// connection_ack, subscribe -> next* -> complete, error, ping/pong both ways; a protocol error
/// closes the socket with the protocol's codes (4400, 4401, 4403, 4408, 4409, 4429).
public sealed class GraphQLWsConnection(GraphQLWebSocketContext context) : GraphQLWebSocketConnection(context)
{
    public const string Protocol = "graphql-transport-ws";

    protected override string KeepAliveType => "ping";

    protected override string NextType => "next";

    protected override async Task HandleAsync(string? type, string? id, JsonElement? payload)
    {
        switch (type)
        {
            case "connection_init":
                await InitialiseAsync(payload);
                break;
            case "ping":
                Send(Frame("pong", null, payload is { ValueKind: JsonValueKind.Object } ping ? Encoding.UTF8.GetBytes(ping.GetRawText()) : null));
                break;
            case "pong":
                break;
            case "subscribe":
                await StartOperationAsync(id, payload);
                break;
            case "complete":
                await StopOperationAsync(id);
                break;
            default:
                CloseForUnknownType(type);
                break;
        }
    }

    protected override void RefuseRequest(string id, string problem) =>
        Close(WebSocketCloseCodes.BadRequest, $"Invalid message received: {Truncate(problem)}");
}
