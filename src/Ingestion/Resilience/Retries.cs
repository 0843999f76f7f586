using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace HistoryGraph.Ingestion.Resilience;

/// The one way HistoryGraph waits and tries again (Polly's retry strategy), with one log line a
/// retry. Background work that must go on once the store is back (the feed, the dispatcher, the
/// delivery worker, live statistics) retries until it succeeds or the host stops; work someone
/// waits on (a webhook's write) retries only until the deadline its caller sets.
public static class Retries
{
    /// When retries must end, if they must: set by ExecuteWithinAsync.
    private static readonly ResiliencePropertyKey<DateTimeOffset> Deadline = new("HistoryGraph.RetryDeadline");

    /// A pipeline that tries again after `first`, then after twice as long each time up to
    /// `longest` (or after `first` times the attempt, when not doubling), at most `attempts`
    /// times, for the failures `handles` accepts (any but the caller's own cancellation when
    /// not given). Without a logger retries are silent: for the many readers of one outage
    /// (each live subscription) whose one reader that matters (the feed) already says it.
    public static ResiliencePipeline Create(ILogger? logger, string work, TimeSpan first, TimeSpan longest,
        bool doubling = true, int attempts = int.MaxValue, Func<Exception, bool>? handles = null, TimeProvider? clock = null)
    {
        clock ??= TimeProvider.System;
        TimeSpan DelayOf(int attempt) => doubling
            ? TimeSpan.FromTicks(Math.Min(longest.Ticks, first.Ticks << Math.Min(attempt, 30)))
            : TimeSpan.FromTicks(Math.Min(longest.Ticks, first.Ticks * (attempt + 1L)));
        return new ResiliencePipelineBuilder { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = attempts,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } ex
                    && !(ex is OperationCanceledException && args.Context.CancellationToken.IsCancellationRequested)
                    && (handles?.Invoke(ex) ?? true)
                    && (!args.Context.Properties.TryGetValue(Deadline, out var deadline) || clock.GetUtcNow() + DelayOf(args.AttemptNumber) <= deadline)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(DelayOf(args.AttemptNumber)),
                OnRetry = args =>
                {
                    if (logger is not null)
                        Log(logger, work, args.Outcome.Exception!.GetBaseException().Message, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// The log line of a retry, the same for every pipeline (OpenMetadata's HTTP one too).
    public static void Log(ILogger logger, string work, string error, TimeSpan delay) =>
        logger.LogWarning("{Work} failed ({Error}); trying again in {Delay} ms", work, error, Math.Round(delay.TotalMilliseconds));

    /// Runs `work` through the pipeline, retrying only while the next try would start within
    /// `budget` of now; the last failure is thrown after that.
    public static async Task<T> ExecuteWithinAsync<T>(this ResiliencePipeline pipeline, TimeSpan budget, TimeProvider clock, Func<CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            context.Properties.Set(Deadline, clock.GetUtcNow() + budget);
            return await pipeline.ExecuteAsync(static async (context, work) => await work(context.CancellationToken), context, work);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
