using System.Collections.Concurrent;
using GraphQL;
using HistoryGraph.Ingestion.Resilience;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Live;
using Microsoft.EntityFrameworkCore;
using Polly;

namespace HistoryGraph.Statistics;

/// The live statistics of one set of arguments, shared by every subscriber that asks for them.
/// One task follows the feed from a position, as a subscription does; it counts each matching
/// event into its bucket in memory and, after each batch of events read (a commit, or what
/// committed while it counted), offers the buckets the batch touched to the subscribers.
/// The count a bucket had before the aggregator saw it is read once, from the store, in a
/// snapshot that also gives the highest sequence it holds: events up to that one are in the
/// count and are not added again, so that nothing is counted twice or missed, and the live
/// count equals what the `changeStats` query answers.
public sealed class ChangeStatsAggregator(ChangeFeed feed, IDbContextFactory<HistoryDbContext> contexts, ChangeStatsArguments arguments, LiveTopic topic,
    Action<ChangeStatsAggregator> ended, ILogger logger)
{
    // Silent, as a live subscription's: the feed's own read already says the store is out.
    private static readonly ResiliencePipeline StoreRetry = Retries.Create(null, "Live change statistics' read of the store", TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5),
        handles: StorageFailure.IsUnavailable);

    private const int BatchSize = 1024;
    /// Buckets kept counting; the least recently touched leave first and are read again if touched again.
    private const int MaxBucketsKept = 256;

    private readonly Dictionary<DateTime, LiveBucket> _buckets = [];
    private readonly ConcurrentQueue<ChangeStatsSubscriber> _joining = new();
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource _joined = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ChangeStatsSubscriber[] _subscribers = [];
    private (DateTime Start, DateTime End) _lastBucket;
    private long _position;
    private long _clock;

    public string Key => arguments.Key;

    /// Subscribers joined and not yet left; kept by LiveChangeStats under its lock.
    public int Subscribers { get; set; }

    public void Start() => _ = Task.Run(RunAsync, CancellationToken.None);

    public void Stop() => _stop.Cancel();

    /// Takes a subscriber in: its task brings it up to date (`after:`) and then offers it every update.
    public void Join(ChangeStatsSubscriber subscriber)
    {
        _joining.Enqueue(subscriber);
        Interlocked.Exchange(ref _joined, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    private async Task RunAsync()
    {
        var cancellationToken = _stop.Token;
        try
        {
            await feed.WaitAsync(-1, cancellationToken);
            _position = feed.Head;
            var events = new List<LiveEvent>(BatchSize);
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                // The database is restarting: the counts wait, they do not fail. Nothing read in a
                // failed pass was counted, so the pass runs again from the same position.
                await StoreRetry.ExecuteAsync(async ct => await PassAsync(events, ct), cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // the last subscriber left
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Live change statistics {Arguments} failed", arguments.Key);
            ended(this);
            var error = new ExecutionError("The statistics stream failed; resubscribe with `after` to resume.", ex) { Code = "STREAM_FAILED" };
            foreach (var subscriber in _subscribers.Concat(_joining))
                subscriber.Fail(error);
        }
    }

    /// The subscribers that joined since the last pass: one that gave `after:` first receives
    /// every bucket the events after it touched, as it stands now; then it is offered what the
    /// next events touch, from the same position, so that nothing falls between the two.
    /// Counts what the feed (or, behind it, the store) has after the position, or waits for more.
    private async Task PassAsync(List<LiveEvent> events, CancellationToken cancellationToken)
    {
        await TakeJoiningAsync(cancellationToken);
        events.Clear();
        var reached = -1L;
        switch (feed.Read(_position, BatchSize, events))
        {
            case FeedRead.UpToDate:
                var joined = Volatile.Read(ref _joined).Task;
                if (_joining.IsEmpty)
                    await Task.WhenAny(feed.WaitAsync(_position, cancellationToken), joined);
                return;
            case FeedRead.Behind:
                reached = await topic.ReadStoredAsync(contexts, _position, feed.Head, events, cancellationToken);
                break;
        }
        await CountAsync(events, cancellationToken);
        _position = Math.Max(events.Count > 0 ? events[^1].Sequence : _position, reached);
    }

    private async Task TakeJoiningAsync(CancellationToken cancellationToken)
    {
        while (_joining.TryPeek(out var subscriber))
        {
            if (!subscriber.IsStopped)
            {
                try
                {
                    if (subscriber.After is { } after && after < _position)
                        await BringUpToDateAsync(subscriber, after, cancellationToken);
                    _subscribers = [.. _subscribers.Where(s => !s.IsStopped), subscriber];
                }
                catch (ExecutionError error)
                {
                    subscriber.Fail(error);
                }
            }
            _joining.TryDequeue(out _);
        }
    }

    private async Task BringUpToDateAsync(ChangeStatsSubscriber subscriber, long after, CancellationToken cancellationToken)
    {
        var touched = new Dictionary<DateTime, Touch>();
        var from = after;
        var events = new List<LiveEvent>(BatchSize);
        while (from < _position)
        {
            events.Clear();
            if (feed.Read(from, BatchSize, events) != FeedRead.Read)
                break;
            foreach (var e in events.TakeWhile(e => e.Sequence <= _position))
            {
                if (topic.Select(e) is not null)
                    Touched(touched, DateTime.SpecifyKind(e.Event.Timestamp, DateTimeKind.Utc), e.Sequence);
                from = e.Sequence;
            }
            if (events[^1].Sequence >= _position)
                from = _position;
        }
        if (from < _position)
        {
            // Older than the feed's window: which buckets, from the store (their instants only).
            var upTo = _position;
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var rows = topic.Replay(db).Where(e => e.Sequence > from && e.Sequence <= upTo).Select(e => new { e.Sequence, e.Timestamp }).AsAsyncEnumerable();
            await foreach (var row in rows.WithCancellation(cancellationToken))
                Touched(touched, DateTime.SpecifyKind(row.Timestamp, DateTimeKind.Utc), row.Sequence);
        }
        await ReadMissingAsync(touched.Values, cancellationToken);
        foreach (var touch in touched.Values.OrderBy(t => t.Sequence))
            subscriber.Offer(Update(touch));
        Evict();
    }

    /// Notes that the event of `sequence` touched the bucket of `utc`; returns that bucket's start.
    private DateTime Touched(Dictionary<DateTime, Touch> touched, DateTime utc, long sequence)
    {
        var bucket = BucketOf(utc);
        if (!touched.TryGetValue(bucket.Start, out var known) || known.Sequence < sequence)
            touched[bucket.Start] = new Touch(bucket.Start, bucket.End, sequence);
        if (touched.Count > StatsBuckets.MaxBuckets)
            throw new ExecutionError($"The events after `after` touched more than {StatsBuckets.MaxBuckets} buckets: resume from a later sequence, or query `changeStats` and subscribe without `after`.")
            { Code = "TOO_MANY_BUCKETS" };
        return bucket.Start;
    }

    /// Counts a batch of events and offers each bucket it touched, in the order of the last event touching it.
    private async Task CountAsync(List<LiveEvent> events, CancellationToken cancellationToken)
    {
        var touched = new Dictionary<DateTime, Touch>();
        var counted = new List<(CountedEvent Event, long Sequence, DateTime Bucket)>();
        foreach (var e in events)
        {
            if (topic.Select(e) is null)
                continue;
            var counting = CountedEvent.Of(e);
            counted.Add((counting, e.Sequence, Touched(touched, counting.Timestamp, e.Sequence)));
        }
        if (touched.Count == 0)
            return;
        // Every read first: should the store fail, nothing has been counted yet.
        await ReadMissingAsync(touched.Values, cancellationToken);
        foreach (var (counting, sequence, start) in counted)
        {
            var bucket = _buckets[start];
            if (sequence > bucket.CountedThrough)
                bucket.Counter.Count(0, counting, arguments.GroupBy);
        }
        if (_subscribers.Any(s => s.IsStopped))
            _subscribers = [.. _subscribers.Where(s => !s.IsStopped)];
        var subscribers = _subscribers;
        foreach (var touch in touched.Values.OrderBy(t => t.Sequence))
        {
            var update = Update(touch);
            foreach (var subscriber in subscribers)
                subscriber.Offer(update);
        }
        Evict();
    }

    private ChangeStatsUpdate Update(Touch touch)
    {
        var bucket = _buckets[touch.Start];
        bucket.LastTouched = ++_clock;
        return new ChangeStatsUpdate(bucket.Counter.Results()[0] with { Sequence = touch.Sequence });
    }

    /// Reads the counts of the touched buckets not yet kept, in one snapshot of the store, each
    /// run of adjacent buckets in one `changeStats` computation.
    private async Task ReadMissingAsync(IEnumerable<Touch> touched, CancellationToken cancellationToken)
    {
        var missing = touched.Where(t => !_buckets.ContainsKey(t.Start)).OrderBy(t => t.Start).ToList();
        if (missing.Count == 0)
            return;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var snapshot = await ReadSnapshot.BeginAsync(db, cancellationToken);
        var head = await db.ChangeEvents.MaxAsync(e => (long?)e.Sequence, cancellationToken) ?? 0;
        var wanted = missing.Select(t => t.Start).ToHashSet();
        for (var i = 0; i < missing.Count;)
        {
            var end = i + 1;
            while (end < missing.Count && missing[end].Start == missing[end - 1].End)
                end++;
            foreach (var bucket in await ChangeStatistics.ComputeAsync(db, missing[i].Start, missing[end - 1].End, arguments, cancellationToken))
            {
                if (wanted.Contains(bucket.Start))
                    _buckets[bucket.Start] = new LiveBucket(BucketCounter.Seeded(bucket), head);
            }
            i = end;
        }
    }

    private void Evict()
    {
        if (_buckets.Count <= MaxBucketsKept)
            return;
        foreach (var start in _buckets.OrderBy(b => b.Value.LastTouched).Take(_buckets.Count - MaxBucketsKept * 3 / 4).Select(b => b.Key).ToList())
            _buckets.Remove(start);
    }

    private (DateTime Start, DateTime End) BucketOf(DateTime utc)
    {
        // Events mostly come in time order: the bucket of the last one usually holds the next.
        if (utc < _lastBucket.Start || utc >= _lastBucket.End)
            _lastBucket = StatsBuckets.Containing(utc, arguments.Bucket, arguments.Zone);
        return _lastBucket;
    }

    private sealed record Touch(DateTime Start, DateTime End, long Sequence);

    /// A bucket being counted: the events up to CountedThrough were in the count as read.
    private sealed class LiveBucket(BucketCounter counter, long countedThrough)
    {
        public BucketCounter Counter { get; } = counter;
        public long CountedThrough { get; } = countedThrough;
        public long LastTouched { get; set; }
    }
}
