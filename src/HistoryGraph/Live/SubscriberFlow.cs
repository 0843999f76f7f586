namespace HistoryGraph.Live;

/// Back-pressure between one live subscription and the connection that carries it. The
/// subscription waits for room before producing (at most MaxInFlight results being executed,
/// and room in the connection's send buffer); the transport reports each result it queued.
/// A client that stops reading therefore holds back only its own subscriptions.
public sealed class SubscriberFlow(Func<CancellationToken, ValueTask<bool>> waitForSendBuffer, string resultKey)
{
    /// Key of the flow in ExecutionOptions.UserContext.
    public const string Key = "HistoryGraph.SubscriberFlow";

    private const int MaxInFlight = 32;

    /// Subscriptions with the same key get the same result for an event (see LiveEvent.ResultAsync).
    public string ResultKey { get; } = resultKey;
    private readonly SemaphoreSlim _inFlight = new(MaxInFlight, MaxInFlight);

    /// False when the connection gave up on this client (its send buffer stayed full).
    public async ValueTask<bool> WaitForRoomAsync(CancellationToken cancellationToken)
    {
        await _inFlight.WaitAsync(cancellationToken);
        return await waitForSendBuffer(cancellationToken);
    }

    /// The transport queued (or dropped) one result.
    public void Delivered()
    {
        if (_inFlight.CurrentCount < MaxInFlight)
            _inFlight.Release();
    }
}
