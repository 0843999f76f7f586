namespace HistoryGraph.Transport.WebSockets;

/// The close codes of graphql-transport-ws, used for the older graphql-ws protocol too, and ours.
public static class WebSocketCloseCodes
{
    public const int BadRequest = 4400;
    public const int Unauthorized = 4401;
    public const int Forbidden = 4403;
    public const int SubprotocolNotAcceptable = 4406;
    public const int ConnectionInitialisationTimeout = 4408;
    public const int SubscriberAlreadyExists = 4409;
    public const int TooManyInitialisationRequests = 4429;
    public const int InternalServerError = 4500;

    /// HistoryGraph's own: the client did not read fast enough and its send buffer stayed full.
    /// Not fatal for graphql-ws clients, which reconnect; resubscribe with `after:` the last
    /// sequence received to miss nothing.
    public const int SubscriberTooSlow = 4420;
}
