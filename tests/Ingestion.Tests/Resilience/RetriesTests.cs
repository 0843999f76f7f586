using HistoryGraph.Ingestion.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace HistoryGraph.Ingestion.Tests.Resilience;

/// Every place that waits and tries again does it through Retries: the waits double up to a
/// ceiling (or grow by the first wait), each retry is one log line, and only the failures a
/// pipeline handles, within its attempts and its caller's deadline, are tried again.
public class RetriesTests
{
    private sealed class Lines : ILogger
    {
        public List<string> Written { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Written.Add($"{logLevel}: {formatter(state, exception)}");
    }

    /// Runs the pipeline over work that fails `failures` times, moving the fake clock on until
    /// it is done; the waits are those the pipeline logged.
    private static async Task<List<int>> WaitsAsync(Lines log, Polly.ResiliencePipeline pipeline, FakeTimeProvider clock, int failures, Func<Exception>? error = null)
    {
        var attempts = 0;
        var run = pipeline.ExecuteAsync(_ =>
        {
            if (attempts++ < failures)
                throw error?.Invoke() ?? new TimeoutException("the store is away");
            return ValueTask.CompletedTask;
        }).AsTask();
        while (!run.IsCompleted)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(1);
        }
        await run;
        return log.Written.Select(line => int.Parse(line.Split("trying again in ")[1].Split(' ')[0])).ToList();
    }

    [Fact]
    public async Task waits_double_up_to_the_ceiling_and_each_retry_is_one_log_line()
    {
        var clock = new FakeTimeProvider();
        var log = new Lines();
        var pipeline = Retries.Create(log, "Reading the feed", TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(1000), clock: clock);
        Assert.Equal([200, 400, 800, 1000, 1000], await WaitsAsync(log, pipeline, clock, failures: 5));
        Assert.Equal(5, log.Written.Count);
        Assert.Equal("Warning: Reading the feed failed (the store is away); trying again in 200 ms", log.Written[0]);
        Assert.EndsWith("trying again in 1000 ms", log.Written[4]);
    }

    [Fact]
    public async Task waits_that_do_not_double_grow_by_the_first_wait_and_end_after_the_attempts()
    {
        var clock = new FakeTimeProvider();
        var log = new Lines();
        var pipeline = Retries.Create(log, "Purging", TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(1), doubling: false, attempts: 3, clock: clock);
        Assert.Equal([50, 100, 150], await WaitsAsync(log, pipeline, clock, failures: 3));
        log.Written.Clear();
        await Assert.ThrowsAsync<TimeoutException>(() => WaitsAsync(log, pipeline, clock, failures: 4));
        Assert.Equal(3, log.Written.Count);
    }

    [Fact]
    public async Task a_failure_the_pipeline_does_not_handle_is_thrown_at_once()
    {
        var clock = new FakeTimeProvider();
        var log = new Lines();
        var pipeline = Retries.Create(log, "Writing", TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(1), handles: ex => ex is NpgsqlException, clock: clock);
        await Assert.ThrowsAsync<InvalidOperationException>(() => WaitsAsync(log, pipeline, clock, failures: 1, () => new InvalidOperationException("a bug")));
        Assert.Empty(log.Written);
    }

    [Fact]
    public async Task retries_end_where_the_next_try_would_start_after_the_callers_deadline()
    {
        // Tries at 0, 100, 300 and 700 ms; the next would start at 1,500, past the 900 ms deadline.
        var clock = new InstantClock();
        var pipeline = Retries.Create(null, "Writing", TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), clock: clock);
        var started = new List<TimeSpan>();
        await Assert.ThrowsAsync<TimeoutException>(() => pipeline.ExecuteWithinAsync<int>(TimeSpan.FromMilliseconds(900), clock, _ =>
        {
            started.Add(clock.Elapsed);
            throw new TimeoutException("the store is away");
        }, CancellationToken.None));
        Assert.Equal([0, 100, 300, 700], started.Select(t => (int)t.TotalMilliseconds));
    }

    /// A clock on which every wait ends at once, time moving on by the wait: retries run at the
    /// times they are due, however loaded the machine.
    private sealed class InstantClock : TimeProvider
    {
        private readonly DateTimeOffset _start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        private long _ticks;

        public TimeSpan Elapsed => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

        public override DateTimeOffset GetUtcNow() => _start + Elapsed;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                Interlocked.Add(ref _ticks, dueTime.Ticks);
                ThreadPool.QueueUserWorkItem(_ => callback(state));
            }
            return new Unused();
        }

        private sealed class Unused : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;
            public void Dispose() { }
            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }

    [Fact]
    public async Task the_callers_cancellation_ends_the_waiting()
    {
        var pipeline = Retries.Create(null, "Listening", TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pipeline.ExecuteAsync(_ => throw new TimeoutException(), stop.Token).AsTask());
    }
}
