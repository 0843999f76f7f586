using System.Threading.Channels;
using HistoryGraph.Ingestion.Resilience;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Ingestion.Telemetry;
using HistoryGraph.Ingestion.Writing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HistoryGraph.Live;

/// Fills the feed: whenever woken (this instance committed, PostgreSQL notified a commit from
/// any instance, or the poll interval passed) it takes every event after the feed's head,
/// in sequence order, in one pass shared by all subscribers. Sequences are assigned in commit
/// order, so "after the head" never skips an event committed later. What this instance's own
/// writer committed right after the head is published as the writer held it; anything else
/// (other instances' commits, a gap) is read from the store. It also runs the feed's fan-out
/// pass, which hands published events to the subscriptions waiting at the head.
public sealed class ChangeFeedReader(
    ChangeFeed feed,
    IDbContextFactory<HistoryDbContext> contexts,
    StoreReadiness readiness,
    CommitSignal commits,
    IOptions<LiveOptions> options,
    HistoryMetrics metrics,
    ILogger<ChangeFeedReader> logger) : BackgroundService
{
    private const int BatchSize = 500;
    // This instance's commits not yet published; bounded, as the store holds them anyway.
    private const int MaxPendingGroups = 256;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Channel<CommittedGroup> _committed = Channel.CreateBounded<CommittedGroup>(new BoundedChannelOptions(MaxPendingGroups) { FullMode = BoundedChannelFullMode.DropOldest });

    // Whether the next pass reads the store: asked for by Wake, the poll, a failed pass, or a
    // commit of this instance that does not follow the head. Its own commits alone need no read.
    private int _readStore = 1;

    /// Asks for a read of the store as soon as possible; many calls before it runs make one read.
    public void Wake()
    {
        Volatile.Write(ref _readStore, 1);
        _wake.Writer.TryWrite(true);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        metrics.ObserveFeed(() => feed.Head, () => feed.NewestTimestamp);
        commits.Committed += group =>
        {
            _committed.Writer.TryWrite(group);
            _wake.Writer.TryWrite(true);
        };
        await readiness.WaitAsync(Timeout.InfiniteTimeSpan, stoppingToken);
        var fanOut = feed.FanOutAsync(stoppingToken);
        var poll = TimeSpan.FromSeconds(Math.Max(0.05, options.Value.PollIntervalSeconds));
        // Subscribers simply wait while the store is unreachable; nothing is lost, the next read starts at the head.
        var retry = Retries.Create(logger, "The change feed's read of the store", TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5));
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await retry.ExecuteAsync(async ct =>
                {
                    try
                    {
                        await CatchUpAsync(ct);
                    }
                    catch
                    {
                        Volatile.Write(ref _readStore, 1);
                        throw;
                    }
                }, stoppingToken);
                try
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                    timeout.CancelAfter(poll);
                    await _wake.Reader.ReadAsync(timeout.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // the poll interval passed
                    Volatile.Write(ref _readStore, 1);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
        try
        {
            await fanOut;
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        if (!feed.IsStarted)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            if (await db.ChangeEvents.OrderByDescending(e => e.Sequence).Select(e => (DateTime?)e.Timestamp).FirstOrDefaultAsync(cancellationToken) is { } newest)
                feed.Saw(newest);
            feed.Start(await db.ChangeEvents.MaxAsync(e => (long?)e.Sequence, cancellationToken) ?? 0);
        }
        var readStore = Interlocked.Exchange(ref _readStore, 0) == 1;
        while (_committed.Reader.TryRead(out var group))
        {
            if (group.HighestSequence <= feed.Head)
                continue;
            if (group.FirstSequence == feed.Head + 1 && LiveEventReader.FromCommitted(group) is { } events)
                feed.Publish(events);
            else
                readStore = true; // another instance committed in between, or rows are missing
        }
        while (readStore)
        {
            var head = feed.Head;
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var events = await LiveEventReader.ReadAsync(db, db.ChangeEvents.Where(e => e.Sequence > head).OrderBy(e => e.Sequence).Take(BatchSize), cancellationToken);
            feed.Publish(events);
            readStore = events.Count == BatchSize;
        }
    }
}
