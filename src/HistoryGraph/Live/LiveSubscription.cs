using GraphQL;
using HistoryGraph.Ingestion.Resilience;
using HistoryGraph.Ingestion.Storage;
using Microsoft.EntityFrameworkCore;
using Polly;

namespace HistoryGraph.Live;

/// The event stream of one subscription. A pump task walks the sequence from the
/// subscription's position: from the shared feed while the events are in memory, from the
/// store (the topic's SQL, in pages) when they are older, such as a replay `after:` an old
/// sequence or a reader that fell behind. One position, advanced one event at a time, gives
/// every matching event once and in order, and makes the hand-over from replay to live free of
/// races: there is no switch, only a position that reaches the feed's window. Once caught up,
/// the task waits in the feed, and the feed's fan-out pass delivers new events from that same
/// position without waking it (see FeedListener).
public sealed class LiveSubscription(ChangeFeed feed, IDbContextFactory<HistoryDbContext> contexts, LiveTopic topic, long? after, SubscriberFlow? flow) : IObservable<object?>
{
    // For the pump, which is a nested type (primary constructor parameters are not members).
    private ChangeFeed Feed => feed;
    private LiveTopic Topic => topic;
    private SubscriberFlow? Flow => flow;
    private IDbContextFactory<HistoryDbContext> Contexts => contexts;

    private static readonly ResiliencePipeline StoreRetry = Retries.Create(null, "A subscription's read of the store", TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5),
        handles: StorageFailure.IsUnavailable);

    /// The matching events as they are (each a LiveItem): what IObservable asks for. The
    /// server subscribes through Render (LiveExecutionStrategy), which renders each event
    /// before taking the next.
    public IDisposable Subscribe(IObserver<object?> observer) => Start(observer, item => ValueTask.FromResult<object?>(item));

    /// The matching events turned into results by `render`, delivered one by one in order.
    public IObservable<ExecutionResult> Render(Func<LiveItem, Task<ExecutionResult>> render) => new Rendered(this, render);

    private IDisposable Start<T>(IObserver<T> observer, Func<LiveItem, ValueTask<T>> render)
    {
        // Without `after`, the stream starts with the next event committed from now on.
        var start = after is { } given ? Math.Max(0, given) : feed.IsStarted ? feed.Head : (long?)null;
        var stop = new CancellationTokenSource();
        var pump = new Pump<T>(this, observer, render, stop.Token);
        _ = Task.Run(() => pump.RunAsync(start), CancellationToken.None);
        return new Unsubscriber(stop);
    }

    /// The subscription's own task and position. Caught up, it waits in the feed, whose
    /// fan-out pass delivers in place what it can; the task runs again for what needs waiting.
    private sealed class Pump<T>(LiveSubscription subscription, IObserver<T> observer, Func<LiveItem, ValueTask<T>> render, CancellationToken cancellationToken) : FeedListener
    {
        private readonly ChangeFeed _feed = subscription.Feed;
        private readonly List<LiveEvent> _events = new(64);
        private long _position;
        private TaskCompletionSource? _resume;

        public override long Position => Volatile.Read(ref _position);

        public async Task RunAsync(long? start)
        {
            try
            {
                _position = start ?? await subscription.StartedHeadAsync(cancellationToken);
                while (!cancellationToken.IsCancellationRequested)
                {
                    _events.Clear();
                    var reached = -1L;
                    switch (_feed.Read(_position, 64, _events))
                    {
                        case FeedRead.UpToDate:
                            await WaitInFeedAsync();
                            continue;
                        case FeedRead.Behind:
                            // The database is restarting: the subscription waits, it does not fail.
                            reached = await StoreRetry.ExecuteAsync(
                                async ct => await subscription.Topic.ReadStoredAsync(subscription.Contexts, _position, _feed.Head, _events, ct), cancellationToken);
                            break;
                    }
                    if (!await DeliverAsync(mayWait: true))
                        return; // the connection gave up on this client
                    Volatile.Write(ref _position, Math.Max(_position, reached));
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // unsubscribed
            }
            catch (Exception ex)
            {
                observer.OnError(ex);
            }
        }

        private async Task WaitInFeedAsync()
        {
            var resume = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _resume, resume);
            if (!_feed.Wait(this))
                return;
            await using (cancellationToken.Register(() =>
            {
                _feed.Leave(this);
                resume.TrySetCanceled(cancellationToken);
            }))
            {
                await resume.Task;
            }
        }

        internal override void Resume() => Volatile.Read(ref _resume)?.TrySetResult();

        // What RunAsync does with events in memory, without ever waiting: anything that would
        // wait (no room to send, events out of memory) is left to RunAsync from this position.
        internal override async ValueTask<bool> CatchUpAsync()
        {
            while (true)
            {
                if (cancellationToken.IsCancellationRequested)
                    return false;
                _events.Clear();
                switch (_feed.Read(_position, 64, _events))
                {
                    case FeedRead.UpToDate:
                        return true;
                    case FeedRead.Behind:
                        return false;
                }
                if (!await DeliverAsync(mayWait: false))
                    return false;
            }
        }

        // Delivers the events read, in order, the position following each. False when it
        // stopped early: waiting, because the connection gave up on the client; not waiting,
        // because there was no room.
        private async ValueTask<bool> DeliverAsync(bool mayWait)
        {
            foreach (var e in _events)
            {
                if (subscription.Topic.Select(e) is { } row)
                {
                    if (subscription.Flow is { } flow && !(mayWait ? await flow.WaitForRoomAsync(cancellationToken) : flow.HasRoom))
                        return false;
                    observer.OnNext(await render(new LiveItem(e, row)));
                }
                Volatile.Write(ref _position, e.Sequence);
            }
            return true;
        }
    }

    private async Task<long> StartedHeadAsync(CancellationToken cancellationToken)
    {
        await feed.WaitAsync(-1, cancellationToken);
        return feed.Head;
    }

    private sealed class Rendered(LiveSubscription subscription, Func<LiveItem, Task<ExecutionResult>> render) : IObservable<ExecutionResult>
    {
        public IDisposable Subscribe(IObserver<ExecutionResult> observer) => subscription.Start(observer, item => new ValueTask<ExecutionResult>(render(item)));
    }

    private sealed class Unsubscriber(CancellationTokenSource stop) : IDisposable
    {
        // Cancelled, not disposed: the pump may still be registering on its token.
        public void Dispose() => stop.Cancel();
    }
}
