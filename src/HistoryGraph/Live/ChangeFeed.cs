using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace HistoryGraph.Live;

/// The instance's in-memory window on committed events: a ring buffer of the latest events,
/// filled by ChangeFeedReader in sequence order and read by every live subscription. The
/// window is bounded in events and in bytes (large payloads make it shorter, not bigger). Readers
/// take no lock, and nobody waits for a slow reader: one that falls out of the window reads the
/// database instead.
public sealed class ChangeFeed(IOptions<LiveOptions> options)
{
    private readonly LiveEvent?[] _ring = new LiveEvent?[Math.Max(16, options.Value.FeedBufferEvents)];
    private readonly long _maxBytes = Math.Max(1, options.Value.FeedBufferBytes);
    private readonly Lock _gate = new();
    private long _bytes;
    private long _head = -1;
    private long _firstInMemory = long.MaxValue;
    private TaskCompletionSource _published = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<FeedListener, byte> _waiting = new(ReferenceEqualityComparer.Instance);

    /// Waiting subscriptions served by one work item of the fan-out pass: small enough that the
    /// pass spreads over every core and that the first of a chunk is not kept long by the last.
    private const int FanOutChunk = 64;

    private long _newestTimestampTicks;

    /// The OpenMetadata timestamp of the newest event the feed has seen (null before any):
    /// how far behind OpenMetadata the history is, as the feed-lag metric tells.
    public DateTime? NewestTimestamp => Volatile.Read(ref _newestTimestampTicks) is > 0 and var ticks ? new DateTime(ticks, DateTimeKind.Utc) : null;

    /// Notes an event's timestamp; a newer one moves NewestTimestamp, an older one does not.
    public void Saw(DateTime timestamp)
    {
        var ticks = timestamp.Ticks;
        var seen = Volatile.Read(ref _newestTimestampTicks);
        while (ticks > seen && Interlocked.CompareExchange(ref _newestTimestampTicks, ticks, seen) is var found && found != seen)
            seen = found;
    }

    /// The highest sequence published; -1 until the feed knows where the store stands.
    public long Head => Volatile.Read(ref _head);

    public bool IsStarted => Head >= 0;

    /// Starts the feed at the store's highest sequence: older events are read from the store.
    public void Start(long head)
    {
        lock (_gate)
        {
            if (_head >= 0)
                return;
            Volatile.Write(ref _firstInMemory, head + 1);
            Volatile.Write(ref _head, head);
        }
        Signal();
    }

    /// Appends committed events, oldest first; events at or below the head are ignored.
    public void Publish(IReadOnlyList<LiveEvent> events)
    {
        var published = false;
        lock (_gate)
        {
            foreach (var e in events)
            {
                if (e.Sequence <= _head)
                    continue;
                Saw(e.Event.Timestamp);
                // The window's start moves first, so that a reader never trusts a slot being replaced.
                var first = Math.Max(e.Sequence != _head + 1 ? e.Sequence : _firstInMemory, e.Sequence - _ring.Length + 1);
                if (e.ApproximateBytes > _maxBytes)
                {
                    // Larger than the whole window: not kept at all, subscribers read it from the store.
                    Evict(e.Sequence + 1, e.Sequence + 1, 0);
                }
                else
                {
                    Evict(first, e.Sequence, e.ApproximateBytes);
                    Volatile.Write(ref _ring[e.Sequence % _ring.Length], e);
                    _bytes += e.ApproximateBytes;
                }
                Volatile.Write(ref _head, e.Sequence);
                published = true;
            }
        }
        if (published)
            Signal();
    }

    /// Lets the events before `first` leave the window, and then the oldest ones for as long
    /// as the window with `adding` more bytes would exceed FeedBufferBytes (the new event
    /// always stays). Their slots are cleared so that their memory is released now, not when
    /// the ring comes round. Called under the gate.
    private void Evict(long first, long sequence, long adding)
    {
        var end = Math.Min(_head + 1, sequence);
        for (var s = _firstInMemory; s < end; s++)
        {
            if (s >= first && _bytes + adding <= _maxBytes)
                break;
            first = Math.Max(first, s + 1);
            // The window's start moves before the slot is cleared: readers check it first.
            Volatile.Write(ref _firstInMemory, first);
            var slot = s % _ring.Length;
            if (Volatile.Read(ref _ring[slot]) is { } old && old.Sequence == s)
            {
                _bytes -= old.ApproximateBytes;
                Volatile.Write(ref _ring[slot], null);
            }
        }
        Volatile.Write(ref _firstInMemory, first);
    }

    /// Copies up to max events that follow `after` into `into`. Behind when the next of them is
    /// no longer (or not yet ever was) in memory: the caller reads the store up to Head.
    /// Without a lock: thousands of subscribers read at once, the one writer publishes in
    /// sequence order, and a slot overwritten meanwhile shows by its sequence.
    public FeedRead Read(long after, int max, List<LiveEvent> into)
    {
        var head = Volatile.Read(ref _head);
        if (head < 0 || after >= head)
            return FeedRead.UpToDate;
        if (after + 1 < Volatile.Read(ref _firstInMemory))
            return FeedRead.Behind;
        for (var sequence = after + 1; sequence <= head && into.Count < max; sequence++)
        {
            var e = Volatile.Read(ref _ring[sequence % _ring.Length]);
            if (e is null || e.Sequence != sequence)
                return into.Count > 0 ? FeedRead.Read : FeedRead.Behind;
            into.Add(e);
        }
        return FeedRead.Read;
    }

    /// Completes once an event after `after` is published.
    public async Task WaitAsync(long after, CancellationToken cancellationToken)
    {
        while (true)
        {
            var published = Volatile.Read(ref _published).Task;
            if (Head > after)
                return;
            await published.WaitAsync(cancellationToken);
        }
    }

    /// Puts a subscription that has caught up in the fan-out pass's care. False when events
    /// came meanwhile and no pass has taken it: it goes on by itself.
    public bool Wait(FeedListener listener)
    {
        listener.MarkWaiting();
        _waiting.TryAdd(listener, 0);
        if (Head > listener.Position && listener.TryRun())
        {
            _waiting.TryRemove(listener, out _);
            return false;
        }
        return true;
    }

    /// The subscription ended while waiting.
    public void Leave(FeedListener listener) => _waiting.TryRemove(listener, out _);

    /// Subscriptions waiting at the head now.
    public int WaitingCount => _waiting.Count;

    /// The fan-out pass, run by the feed's reader for as long as the instance runs: after each
    /// publication every waiting subscription is given the new events in turn, in chunks spread
    /// over the thread pool. One pass at a time, so that each sees the events in order.
    public async Task FanOutAsync(CancellationToken cancellationToken)
    {
        var served = -1L;
        while (!cancellationToken.IsCancellationRequested)
        {
            await WaitAsync(served, cancellationToken);
            served = Head;
            if (_waiting.IsEmpty)
                continue;
            await Task.WhenAll(_waiting.Keys.Chunk(FanOutChunk).Select(chunk => Task.Run(() => ServeAsync(chunk), CancellationToken.None)));
        }
    }

    private async Task ServeAsync(FeedListener[] listeners)
    {
        foreach (var listener in listeners)
        {
            if (!listener.TryServe())
                continue;
            bool waitAgain;
            try
            {
                waitAgain = await listener.CatchUpAsync();
            }
            catch (Exception)
            {
                waitAgain = false; // its own task meets the failure again and reports it
            }
            if (waitAgain)
            {
                listener.DoneServing(waitAgain: true);
                continue;
            }
            _waiting.TryRemove(listener, out _);
            listener.DoneServing(waitAgain: false);
            listener.Resume();
        }
    }

    private void Signal() => Interlocked.Exchange(ref _published, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
