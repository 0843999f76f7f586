using GraphQL;
using HistoryGraph.Live;

namespace HistoryGraph.Statistics;

/// One subscriber of live change statistics: the updates its aggregator offers, delivered by a
/// task of its own in the order of their sequences. A bucket is a count, not a difference, so
/// a subscriber that cannot take the updates as fast as they come keeps only the latest of
/// each bucket: a slow dashboard costs memory per bucket, never per event, and the aggregator
/// never waits for it. Delivering in sequence order keeps `after:` exact: every update up to
/// the last one received was delivered or overtaken by a later one of the same bucket.
public sealed class ChangeStatsSubscriber : IDisposable
{
    // Keyed by bucket start, in the order offered; an offer for a pending bucket moves it last.
    private readonly OrderedDictionary<DateTime, ChangeStatsUpdate> _pending = [];
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<ChangeStatsUpdate, ValueTask> _deliver;
    private readonly Action<Exception> _fail;
    private readonly SubscriberFlow? _flow;
    private TaskCompletionSource? _waiting;
    private ExecutionError? _error;
    private Action? _leave;

    public ChangeStatsSubscriber(long? after, SubscriberFlow? flow, Func<ChangeStatsUpdate, ValueTask> deliver, Action<Exception> fail)
    {
        After = after;
        _flow = flow;
        _deliver = deliver;
        _fail = fail;
        _ = Task.Run(RunAsync, CancellationToken.None);
    }

    /// The sequence after which the subscriber asked to be brought up to date, if it did.
    public long? After { get; }

    public bool IsStopped => _stop.IsCancellationRequested;

    public void Offer(ChangeStatsUpdate update)
    {
        TaskCompletionSource? wake;
        lock (_gate)
        {
            _pending.Remove(update.Bucket.Start);
            _pending.Add(update.Bucket.Start, update);
            (wake, _waiting) = (_waiting, null);
        }
        wake?.TrySetResult();
    }

    /// Ends the stream with an error once what is pending has been delivered.
    public void Fail(ExecutionError error)
    {
        TaskCompletionSource? wake;
        lock (_gate)
        {
            _error ??= error;
            (wake, _waiting) = (_waiting, null);
        }
        wake?.TrySetResult();
    }

    /// What to do when the subscriber stops (leave its aggregator); at once if it already has.
    public void OnStop(Action leave)
    {
        Volatile.Write(ref _leave, leave);
        if (IsStopped && Interlocked.Exchange(ref _leave, null) is { } now)
            now();
    }

    public void Dispose()
    {
        _stop.Cancel();
        if (Interlocked.Exchange(ref _leave, null) is { } leave)
            leave();
    }

    private async Task RunAsync()
    {
        var cancellationToken = _stop.Token;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                ChangeStatsUpdate? next = null;
                Task? wait = null;
                ExecutionError? error = null;
                lock (_gate)
                {
                    if (_pending.Count > 0)
                    {
                        next = _pending.GetAt(0).Value;
                        _pending.RemoveAt(0);
                    }
                    else if (_error is null)
                        wait = (_waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
                    else
                        error = _error;
                }
                if (error is not null)
                {
                    _fail(error);
                    return;
                }
                if (wait is not null)
                {
                    await wait.WaitAsync(cancellationToken);
                    continue;
                }
                if (_flow is { } flow && !await flow.WaitForRoomAsync(cancellationToken))
                    return; // the connection gave up on this client
                await _deliver(next!);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // unsubscribed
        }
        catch (Exception ex)
        {
            _fail(ex);
        }
    }
}
