using GraphQL;
using HistoryGraph.Access;
using HistoryGraph.Execution;
using HistoryGraph.Shutdown;
using HistoryGraph.Transport.Streaming;
using HistoryGraph.Transport.WebSockets;
using HistoryGraph.Transport.WebSockets.GraphQLWs;
using HistoryGraph.Transport.WebSockets.SubscriptionsTransportWs;
using Microsoft.Extensions.Options;

namespace HistoryGraph.Transport;

/// WebSocket upgrades on /graphql: subprotocol graphql-transport-ws, or Apollo's older graphql-ws,
/// each served by its own handler.
public static class GraphQLWebSocketApi
{

    public static async Task AcceptAsync(HttpContext http)
    {
        var services = http.RequestServices;
        var options = services.GetRequiredService<IOptions<StreamingOptions>>().Value;
        var requested = http.WebSockets.WebSocketRequestedProtocols;
        var protocol = requested.Contains(GraphQLWsConnection.Protocol) ? GraphQLWsConnection.Protocol
            : requested.Contains(SubscriptionsTransportWsConnection.Protocol) ? SubscriptionsTransportWsConnection.Protocol : null;
        using var lease = services.GetRequiredService<LiveConnectionLimit>().TryOpen(protocol ?? GraphQLWsConnection.Protocol);
        if (lease is null)
        {
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            http.Response.Headers.RetryAfter = "5";
            await http.Response.WriteAsync($"This server holds its maximum of {options.MaxConnections} live connections (Streaming:MaxConnections).", http.RequestAborted);
            return;
        }
        using var socket = await http.WebSockets.AcceptWebSocketAsync(protocol);
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("HistoryGraph.WebSocket");
        if (protocol is null)
        {
            // The graphql-ws protocol asks for a close with 4406 rather than a refused upgrade.
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            try
            {
                await socket.CloseAsync((System.Net.WebSockets.WebSocketCloseStatus)WebSocketCloseCodes.SubprotocolNotAcceptable,
                    $"Subprotocol not acceptable: use {GraphQLWsConnection.Protocol} or {SubscriptionsTransportWsConnection.Protocol}", timeout.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or System.Net.WebSockets.WebSocketException)
            {
                socket.Abort();
            }
            return;
        }
        var context = new GraphQLWebSocketContext(socket, http, options, services.GetRequiredService<IOptions<GraphQLOptions>>().Value.MaxRequestBytes,
            services.GetRequiredService<AccessControl>(), services.GetRequiredService<IGraphQLTextSerializer>(), logger, lease);
        GraphQLWebSocketConnection connection = protocol == GraphQLWsConnection.Protocol ? new GraphQLWsConnection(context) : new SubscriptionsTransportWsConnection(context);
        await connection.RunAsync(services.GetRequiredService<ServerState>().Closing);
    }
}
