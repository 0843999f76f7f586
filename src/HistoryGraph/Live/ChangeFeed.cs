using Microsoft.Extensions.Options;

namespace HistoryGraph.Live;

/// The instance's in-memory window on committed events: a ring buffer of the latest events,
/// filled by ChangeFeedReader in sequence order and read by every live subscription. Readers
/// never block the writer for long (a copy of a few references under a lock), and nobody waits
/// for a slow reader: one that falls out of the window reads the database instead.
public sealed class ChangeFeed(IOptions<LiveOptions> options)
{
    private readonly LiveEvent?[] _ring = new LiveEvent?[Math.Max(16, options.Value.FeedBufferEvents)];
    private readonly Lock _gate = new();
    private long _head = -1;
    private long _firstInMemory = long.MaxValue;
    private TaskCompletionSource _published = new(TaskCreationOptions.RunContinuationsAsynchronously);

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
            _head = head;
            _firstInMemory = head + 1;
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
                if (e.Sequence != _head + 1)
                    _firstInMemory = e.Sequence; // a gap (never expected): what precedes it comes from the store
                _ring[e.Sequence % _ring.Length] = e;
                _head = e.Sequence;
                _firstInMemory = Math.Max(_firstInMemory, _head - _ring.Length + 1);
                published = true;
            }
        }
        if (published)
            Signal();
    }

    /// Copies up to max events that follow `after` into `into`. Behind when the next of them is
    /// no longer (or not yet ever was) in memory: the caller reads the store up to Head.
    public FeedRead Read(long after, int max, List<LiveEvent> into)
    {
        lock (_gate)
        {
            if (_head < 0 || after >= _head)
                return FeedRead.UpToDate;
            if (after + 1 < _firstInMemory)
                return FeedRead.Behind;
            for (var sequence = after + 1; sequence <= _head && into.Count < max; sequence++)
                into.Add(_ring[sequence % _ring.Length]!);
            return FeedRead.Read;
        }
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

    private void Signal() => Interlocked.Exchange(ref _published, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
