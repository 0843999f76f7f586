using GraphQL;
using HistoryGraph.Ingestion.Storage;
using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.Live;

/// The event stream of one subscription. A pump task walks the sequence from the
/// subscription's position: from the shared feed while the events are in memory, from the
/// store (the topic's SQL, in pages) when they are older, such as a replay `after:` an old
/// sequence or a reader that fell behind. One position, advanced one event at a time, gives
/// every matching event once and in order, and makes the hand-over from replay to live free of
/// races: there is no switch, only a position that reaches the feed's window.
public sealed class LiveSubscription(ChangeFeed feed, IDbContextFactory<HistoryDbContext> contexts, LiveTopic topic, long? after, SubscriberFlow? flow) : IObservable<object?>
{
    private const int StorePageSize = 256;
    private const long StoreRangeSize = 50_000;

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
        _ = Task.Run(() => PumpAsync(observer, render, start, stop.Token), CancellationToken.None);
        return new Unsubscriber(stop);
    }

    private async Task PumpAsync<T>(IObserver<T> observer, Func<LiveItem, ValueTask<T>> render, long? start, CancellationToken cancellationToken)
    {
        try
        {
            var position = start ?? await StartedHeadAsync(cancellationToken);
            var events = new List<LiveEvent>(64);
            var retry = TimeSpan.FromMilliseconds(200);
            while (!cancellationToken.IsCancellationRequested)
            {
                events.Clear();
                switch (feed.Read(position, 64, events))
                {
                    case FeedRead.UpToDate:
                        await feed.WaitAsync(position, cancellationToken);
                        continue;
                    case FeedRead.Behind:
                        try
                        {
                            position = await ReadStoreAsync(position, feed.Head, events, cancellationToken);
                            retry = TimeSpan.FromMilliseconds(200);
                        }
                        catch (Exception ex) when (StorageFailure.IsUnavailable(ex) && !cancellationToken.IsCancellationRequested)
                        {
                            // The database is restarting: the subscription waits, it does not fail.
                            await Task.Delay(retry, cancellationToken);
                            retry = TimeSpan.FromMilliseconds(Math.Min(retry.TotalMilliseconds * 2, 5000));
                            continue;
                        }
                        break;
                    default:
                        position = events[^1].Sequence;
                        break;
                }
                foreach (var e in events)
                {
                    if (topic.Select(e) is not { } row)
                        continue;
                    if (flow is not null && !await flow.WaitForRoomAsync(cancellationToken))
                        return;
                    observer.OnNext(await render(new LiveItem(e, row)));
                }
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

    private async Task<long> StartedHeadAsync(CancellationToken cancellationToken)
    {
        await feed.WaitAsync(-1, cancellationToken);
        return feed.Head;
    }

    /// Reads stored events after `position` (up to `head`) that may match; returns the position
    /// the read reached, which is past events that did not match.
    private async Task<long> ReadStoreAsync(long position, long head, List<LiveEvent> into, CancellationToken cancellationToken)
    {
        var upTo = Math.Min(head, position + StoreRangeSize);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = topic.Replay(db).Where(e => e.Sequence > position && e.Sequence <= upTo).OrderBy(e => e.Sequence).Take(StorePageSize);
        var events = await LiveEventReader.ReadAsync(db, query, cancellationToken);
        into.AddRange(events);
        return events.Count == StorePageSize ? events[^1].Sequence : upTo;
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
