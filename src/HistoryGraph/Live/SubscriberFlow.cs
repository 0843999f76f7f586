namespace HistoryGraph.Live;

/// What a live subscription needs from the connection that carries it: room to send (a
/// subscription waits for it before producing, so a client that stops reading holds back only
/// its own subscriptions) and the key under which its results are shared.
public sealed class SubscriberFlow(Func<CancellationToken, ValueTask<bool>> waitForSendBuffer, Func<bool> hasRoom, string resultKey)
{
    /// Key of the flow in ExecutionOptions.UserContext.
    public const string Key = "HistoryGraph.SubscriberFlow";

    /// Subscriptions with the same key get the same result for an event (see SharedResults).
    public string ResultKey { get; } = resultKey;

    /// False when the connection gave up on this client (its send buffer stayed full). Results
    /// are rendered and handed over one at a time, in order, so the buffer is the only bound needed.
    public ValueTask<bool> WaitForRoomAsync(CancellationToken cancellationToken) => waitForSendBuffer(cancellationToken);

    /// Whether a result can be handed over now without waiting (the feed's fan-out pass never waits).
    public bool HasRoom => hasRoom();
}
