using HistoryGraph.Ingestion.Telemetry;
using Microsoft.Extensions.Options;

namespace HistoryGraph.Transport.Streaming;

/// Counts this instance's open WebSocket and SSE connections against Streaming:MaxConnections,
/// and, for the metrics, the connections and running subscriptions of each transport.
public sealed class LiveConnectionLimit
{
    /// The transports, as the metrics' `transport` tag names them.
    public static readonly string[] Transports = ["graphql-transport-ws", "graphql-ws", "sse"];

    private readonly IOptions<StreamingOptions> _options;
    private readonly int[] _connections = new int[Transports.Length];
    private readonly int[] _subscriptions = new int[Transports.Length];
    private int _open;

    public LiveConnectionLimit(IOptions<StreamingOptions> options, HistoryMetrics metrics)
    {
        _options = options;
        metrics.ObserveLive(() => [.. Transports.Select((t, i) => (t, Volatile.Read(ref _connections[i]), Volatile.Read(ref _subscriptions[i])))]);
    }

    public int Open => Volatile.Read(ref _open);

    /// Null when the limit is reached; dispose the lease when the connection ends.
    public LiveConnectionLease? TryOpen(string transport)
    {
        if (Interlocked.Increment(ref _open) > _options.Value.MaxConnections)
        {
            Interlocked.Decrement(ref _open);
            return null;
        }
        var index = Array.IndexOf(Transports, transport);
        Interlocked.Increment(ref _connections[index]);
        return new LiveConnectionLease(
            subscribed: () => Interlocked.Increment(ref _subscriptions[index]),
            unsubscribed: () => Interlocked.Decrement(ref _subscriptions[index]),
            closed: () =>
            {
                Interlocked.Decrement(ref _connections[index]);
                Interlocked.Decrement(ref _open);
            });
    }
}
