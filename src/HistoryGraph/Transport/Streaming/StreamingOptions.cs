namespace HistoryGraph.Transport.Streaming;

/// Settings of live connections, WebSocket and SSE alike (section "Streaming"). They were in
/// the feed's section "Subscriptions" before they had one of their own, and are still read
/// from there; a key under "Streaming" wins.
public sealed class StreamingOptions
{
    public const string Section = "Streaming";
    public const string FormerSection = "Subscriptions";

    /// Open WebSocket and SSE connections this instance accepts; more are answered 503.
    public int MaxConnections { get; set; } = 10_000;

    /// Operations running at once on one WebSocket connection.
    public int MaxSubscriptionsPerConnection { get; set; } = 100;

    /// Operations running at once for one caller (a key or token, or an address without one)
    /// across all its WebSocket and SSE connections.
    public int MaxOperationsPerCaller { get; set; } = 1_000;

    /// A WebSocket that sends no connection_init within this time is closed with 4408.
    /// Short (graphql-ws's own default): until then the connection holds a slot of
    /// MaxConnections without having shown who it is.
    public double ConnectionInitTimeoutSeconds { get; set; } = 3;

    /// Keep-alive interval: graphql-transport-ws pings, legacy `ka` messages, SSE comments.
    public double KeepAliveSeconds { get; set; } = 15;

    /// Bytes waiting to be sent on one connection. While it is full the connection's
    /// subscriptions wait (and fall behind to the database if they must).
    public int SendBufferBytes { get; set; } = 1024 * 1024;

    /// A connection whose send buffer stays full this long is closed (WebSocket code 4420):
    /// the client resubscribes with `after:` its last sequence and misses nothing.
    public double StallTimeoutSeconds { get; set; } = 10;

    // Streaming:ApiKeys (and Subscriptions:ApiKeys) are keys of the reader role: see AccessOptions.

    /// Reads the former section, then this one over it.
    public static void Bind(IConfiguration configuration, StreamingOptions options)
    {
        configuration.GetSection(FormerSection).Bind(options);
        configuration.GetSection(Section).Bind(options);
    }
}
