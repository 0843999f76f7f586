using System.Net.WebSockets;
using GraphQL;
using HistoryGraph.Access;
using HistoryGraph.Transport.Streaming;

namespace HistoryGraph.Transport.WebSockets;

/// What a connection is made of, whichever protocol serves it.
public sealed record GraphQLWebSocketContext(
    WebSocket Socket,
    HttpContext Http,
    StreamingOptions Options,
    long MaxMessageBytes,
    AccessControl Access,
    IGraphQLTextSerializer Serializer,
    ILogger Logger,
    LiveConnectionLease Connection);
