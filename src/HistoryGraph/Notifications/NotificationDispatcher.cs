using HistoryGraph.Ingestion.Notifications;
using HistoryGraph.Ingestion.Resilience;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Live;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HistoryGraph.Notifications;

/// Turns committed events into deliveries: from the notification cursor's stored position it
/// walks the events in sequence order (from the live feed while they are in memory, else from
/// the store), matches each against every enabled target's filter (the `changes` subscription's
/// own compiled filter), and writes a delivery per match, moving the cursor in the same
/// transaction. The cursor row is locked while it works (FOR UPDATE SKIP LOCKED on PostgreSQL),
/// so that instances take turns and each event is dispatched once, and a restart resumes where
/// the last committed batch ended. Its commits do not wait for the disk (UnwaitedCommits): a
/// database crash loses the position with the deliveries made since, and they are made again.
public sealed class NotificationDispatcher(
    ChangeFeed feed,
    [FromKeyedServices(UnwaitedCommits.Key)] IDbContextFactory<HistoryDbContext> contexts,
    StoreReadiness readiness,
    ISchema schema,
    DeliveryWorker worker,
    IOptions<NotificationOptions> options,
    TimeProvider clock,
    ILogger<NotificationDispatcher> logger) : BackgroundService
{
    public const int BatchSize = 500;
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);
    private readonly Dictionary<Guid, (DateTime UpdatedAt, Func<LiveEvent, bool> Matches)> _filters = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WaitAsync(Timeout.InfiniteTimeSpan, stoppingToken);
        // Nothing is lost while dispatching fails: the cursor moves only with the deliveries it made.
        var retry = Retries.Create(logger, "Dispatching notifications", TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5), clock: clock);
        var position = -1L;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var (reached, more) = await retry.ExecuteAsync(async ct => await DispatchAsync(ct), stoppingToken);
                if (more)
                    continue;
                if (reached is not { } at)
                {
                    // No target, or another instance's turn: look again after the poll.
                    await Task.Delay(Poll, clock, stoppingToken);
                    continue;
                }
                position = at;
                // Woken by the next event this instance sees, or after the poll (another
                // instance's turn, a target made meanwhile).
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                wait.CancelAfter(Poll);
                try
                {
                    await feed.WaitAsync(Math.Max(position, feed.Head), wait.Token);
                    // Events come in bursts, one commit each: a short pause gathers a burst
                    // into one transaction instead of one per event beside the writer's own.
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(0, options.Value.DispatchDelayMilliseconds)), clock, stoppingToken);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // the poll interval passed
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    /// One batch: the cursor's new position (null when another instance holds it) and whether
    /// more events wait.
    public async Task<(long? Position, bool More)> DispatchAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // With no target enabled nothing is read or written: ingest pays nothing for
        // notifications nobody gets, and a target made later starts after its own creation.
        var targets = await db.NotificationTargets.AsNoTracking().Where(t => t.Enabled && t.SendEvents).ToListAsync(cancellationToken);
        if (targets.Count == 0)
            return (null, false);
        var highest = feed.IsStarted ? feed.Head : await db.ChangeEvents.MaxAsync(e => (long?)e.Sequence, cancellationToken) ?? 0;

        // The transaction holds the cursor's lock; a failed save ends it whole, so no savepoint.
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var cursor = db.Provider == StorageProvider.PostgreSql
            ? await db.NotificationCursor.FromSql($"SELECT * FROM notification_cursor WHERE id = {NotificationCursor.SingletonId} FOR UPDATE SKIP LOCKED").SingleOrDefaultAsync(cancellationToken)
            : await db.NotificationCursor.SingleOrDefaultAsync(c => c.Id == NotificationCursor.SingletonId, cancellationToken);
        if (cursor is null)
            return (null, false);
        // No event before the earliest target's start is anyone's: skipped, not read.
        var from = Math.Max(cursor.Position, targets.Min(t => t.StartSequence));
        if (from >= highest)
        {
            if (cursor.Position < from)
            {
                cursor.Position = from;
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            return (from, false);
        }

        var events = new List<LiveEvent>(BatchSize);
        if (feed.Read(from, BatchSize, events) != FeedRead.Read)
        {
            events.Clear();
            events.AddRange(await LiveEventReader.ReadAsync(db, db.ChangeEvents.Where(e => e.Sequence > from).OrderBy(e => e.Sequence).Take(BatchSize), cancellationToken));
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var made = 0;
        foreach (var e in events)
        {
            foreach (var target in targets)
            {
                if (e.Sequence <= target.StartSequence || !Matches(target, e))
                    continue;
                db.NotificationDeliveries.Add(new NotificationDelivery
                {
                    TargetId = target.Id,
                    Kind = DeliveryKind.Event,
                    EventSequence = e.Sequence,
                    RequestedBy = "dispatcher",
                    Status = DeliveryStatus.Pending,
                    CreatedAt = now,
                    NextAttemptAt = now,
                });
                made++;
            }
        }
        cursor.Position = events.Count > 0 ? events[^1].Sequence : highest;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (made > 0)
            worker.Wake();
        return (cursor.Position, cursor.Position < highest);
    }

    /// The target's filter compiled once per version of the target.
    private bool Matches(NotificationTarget target, LiveEvent e)
    {
        if (!_filters.TryGetValue(target.Id, out var compiled) || compiled.UpdatedAt != target.UpdatedAt)
        {
            var topic = LiveTopics.Changes(NotificationFilter.Read(schema, target.Filter));
            compiled = (target.UpdatedAt, live => topic.Select(live) is not null);
            _filters[target.Id] = compiled;
        }
        return compiled.Matches(e);
    }
}
