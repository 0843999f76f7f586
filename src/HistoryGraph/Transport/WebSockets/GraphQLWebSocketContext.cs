using System.Net.WebSockets;
using GraphQL;
using HistoryGraph.Transport.Streaming;

namespace HistoryGraph.Transport.WebSockets;

/// What a connection is made of, whichever protocol serves it.
public sealed record GraphQLWebSocketContext(
    WebSocket Socket,
    HttpContext Http,
    StreamingOptions Options,
    long MaxMessageBytes,
    IConnectionAuthenticator Authenticator,
    IGraphQLTextSerializer Serializer,
    ILogger Logger);
