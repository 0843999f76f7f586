namespace HistoryGraph.Shutdown;

/// Where this instance is in its shutdown. Draining: /health/ready answers 503 while
/// everything still works. Closing (after the drain delay): webhooks are refused with 503 and
/// Retry-After, live connections end (WebSocket close 1001, SSE streams complete) and running
/// queries are cancelled, so that clients go to another instance and resume with `after:`.
public sealed class ServerState : IDisposable
{
    private readonly CancellationTokenSource _closing = new();
    private int _draining;

    public bool IsDraining => Volatile.Read(ref _draining) == 1;

    public bool IsClosing => _closing.IsCancellationRequested;

    /// Cancelled when the instance closes: what holds a connection open ends with it.
    public CancellationToken Closing => _closing.Token;

    /// True for the first call only.
    public bool BeginDraining() => Interlocked.Exchange(ref _draining, 1) == 0;

    public void Close()
    {
        BeginDraining();
        if (!_closing.IsCancellationRequested)
            _closing.Cancel();
    }

    public void Dispose() => _closing.Dispose();
}
