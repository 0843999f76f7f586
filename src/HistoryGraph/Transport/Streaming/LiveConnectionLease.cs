namespace HistoryGraph.Transport.Streaming;

/// One open live connection's place in LiveConnectionLimit: disposing it closes the place;
/// each subscription the connection runs holds a Subscription while its stream is open.
public sealed class LiveConnectionLease(Action subscribed, Action unsubscribed, Action closed) : IDisposable
{
    private int _disposed;

    /// Counts a running subscription until the returned handle is disposed.
    public IDisposable Subscription()
    {
        subscribed();
        return new Once(unsubscribed);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
            closed();
    }

    private sealed class Once(Action action) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
                action();
        }
    }
}
