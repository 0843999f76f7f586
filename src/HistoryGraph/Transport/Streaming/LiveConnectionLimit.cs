using Microsoft.Extensions.Options;

namespace HistoryGraph.Transport.Streaming;

/// Counts this instance's open WebSocket and SSE connections against Streaming:MaxConnections.
public sealed class LiveConnectionLimit(IOptions<StreamingOptions> options)
{
    private int _open;

    public int Open => Volatile.Read(ref _open);

    /// Null when the limit is reached; dispose the lease when the connection ends.
    public IDisposable? TryOpen()
    {
        if (Interlocked.Increment(ref _open) > options.Value.MaxConnections)
        {
            Interlocked.Decrement(ref _open);
            return null;
        }
        return new Lease(this);
    }

    private sealed class Lease(LiveConnectionLimit limit) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                Interlocked.Decrement(ref limit._open);
        }
    }
}
