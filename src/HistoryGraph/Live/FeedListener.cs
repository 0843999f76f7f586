namespace HistoryGraph.Live;

/// A subscription that has caught up with the feed and waits at its head. Rather than each of
/// thousands of subscriptions waking its own task for every event (a thread-pool hop apiece, in
/// no useful order), the feed's fan-out pass hands new events to the waiting ones in place, in
/// turn; a subscription that cannot take an event without waiting (its connection's buffer is
/// full, the event left memory, the result failed) is handed back to its own task.
public abstract class FeedListener
{
    private const int Running = 0, Waiting = 1, Served = 2;
    private int _state;

    /// The last sequence this subscription has dealt with.
    public abstract long Position { get; }

    /// Delivers the events after Position that are in memory. True when it caught up and can
    /// wait again; false when its own task must take over.
    internal abstract ValueTask<bool> CatchUpAsync();

    /// Its own task takes over (the pass gave it back).
    internal abstract void Resume();

    internal void MarkWaiting() => Volatile.Write(ref _state, Waiting);

    /// The pass takes the subscription; false when its own task took it back first.
    internal bool TryServe() => Interlocked.CompareExchange(ref _state, Served, Waiting) == Waiting;

    /// Its own task takes the subscription back; false when the pass is serving it.
    internal bool TryRun() => Interlocked.CompareExchange(ref _state, Running, Waiting) == Waiting;

    internal void DoneServing(bool waitAgain) => Volatile.Write(ref _state, waitAgain ? Waiting : Running);
}
