using System.Threading.Channels;
using HistoryGraph.Ingestion.Notifications;
using HistoryGraph.Ingestion.Resilience;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Ingestion.Telemetry;
using HistoryGraph.Notifications.Messages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HistoryGraph.Notifications;

/// Sends the deliveries. A target's messages are sent by one instance at a time, in the order
/// they were made, within its rate limit: an instance claims targets with messages due (the
/// target rows locked FOR UPDATE SKIP LOCKED on PostgreSQL, so that two instances never claim
/// the same one) by writing a lease on them, renews the lease with every write, and lets it
/// go when the target has nothing due or is waiting for a retry. Attempts are recorded with the
/// renewed lease in one write per batch of messages, at the latest a second after the last
/// write and always before the target waits or is let go, so that a message is sent once; only
/// an instance that dies between sending and that write leaves the messages of that second to
/// be sent again when its lease runs out (WEBHOOK receivers can tell them by their delivery
/// header). One write per message cost the server and PostgreSQL more than the message itself.
public sealed class DeliveryWorker(
    [FromKeyedServices(UnwaitedCommits.Key)] IDbContextFactory<HistoryDbContext> contexts,
    StoreReadiness readiness,
    MessageSender sender,
    DeliveryMessages messages,
    IOptions<NotificationOptions> options,
    TimeProvider clock,
    HistoryMetrics metrics,
    ILogger<DeliveryWorker> logger) : BackgroundService
{
    /// This instance, as leases name it.
    public string InstanceId { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// Asks for a look for due messages now rather than at the next poll.
    public void Wake() => _wake.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Send)
            return;
        await readiness.WaitAsync(Timeout.InfiniteTimeSpan, stoppingToken);
        var running = new Dictionary<Guid, Task>();
        var claimRetry = Retries.Create(logger, "Claiming notification targets", TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5), clock: clock);
        while (!stoppingToken.IsCancellationRequested)
        {
            var settings = options.Value;
            foreach (var done in running.Where(r => r.Value.IsCompleted).Select(r => r.Key).ToList())
                running.Remove(done);
            try
            {
                await CountBacklogAsync(stoppingToken);
                await RenewLeasesAsync(running.Keys, stoppingToken);
                await claimRetry.ExecuteAsync(async ct =>
                {
                    var room = Math.Max(1, settings.Concurrency) - running.Count;
                    if (room > 0)
                    {
                        foreach (var id in await ClaimAsync(room, running.Keys, ct))
                            running[id] = Task.Run(() => SendTargetAsync(id, stoppingToken), CancellationToken.None);
                    }
                }, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            wait.CancelAfter(TimeSpan.FromSeconds(Math.Min(Math.Max(0.05, settings.PollSeconds), Math.Max(1, settings.LeaseSeconds) / 3)));
            try
            {
                var waits = running.Values.Append(_wake.Reader.WaitToReadAsync(wait.Token).AsTask()).ToList();
                await Task.WhenAny(waits);
                _wake.Reader.TryRead(out _);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // the poll interval passed
            }
        }
        // Stopping: the messages under way finish and are recorded; their leases are let go.
        await Task.WhenAll(running.Values);
    }

    private long _backlogCountedAt;

    /// The messages waiting, for the queue-depth metric: counted every 15 seconds at most.
    private async Task CountBacklogAsync(CancellationToken cancellationToken)
    {
        if (_backlogCountedAt != 0 && clock.GetElapsedTime(_backlogCountedAt) < TimeSpan.FromSeconds(15))
            return;
        _backlogCountedAt = clock.GetTimestamp();
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            metrics.RecordNotificationBacklog(await db.NotificationDeliveries.LongCountAsync(
                d => (d.Status == DeliveryStatus.Pending || d.Status == DeliveryStatus.AwaitingRetry) && d.Kind != DeliveryKind.Test, cancellationToken));
        }
        catch (Exception ex) when (StorageFailure.IsUnavailable(ex))
        {
            // counted again on the next turn; claiming reports the outage
        }
    }

    /// Leases up to `count` targets with a message due and no live lease.
    public async Task<List<Guid>> ClaimAsync(int count, IEnumerable<Guid> mine, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + Lease;
        var skip = mine.ToList();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (db.Provider == StorageProvider.PostgreSql)
        {
            return await db.Database.SqlQuery<Guid>($"""
                UPDATE notification_targets SET lease_owner = {InstanceId}, lease_until = {until}
                WHERE id IN (
                    SELECT t.id FROM notification_targets t
                    WHERE t.enabled AND (t.lease_until IS NULL OR t.lease_until < {now}) AND (t.next_attempt_at IS NULL OR t.next_attempt_at <= {now})
                      AND NOT t.id = ANY({skip})
                      AND EXISTS (SELECT 1 FROM notification_deliveries d WHERE d.target_id = t.id AND d.status IN ('PENDING', 'AWAITING_RETRY') AND d.kind <> 'TEST')
                    ORDER BY t.next_attempt_at NULLS FIRST, t.id
                    LIMIT {count}
                    FOR UPDATE SKIP LOCKED)
                RETURNING id AS "Value"
                """).ToListAsync(cancellationToken);
        }
        // SQLite serves one instance: no other can claim between the read and the write.
        var due = await db.NotificationTargets
            .Where(t => t.Enabled && (t.LeaseUntil == null || t.LeaseUntil < now) && (t.NextAttemptAt == null || t.NextAttemptAt <= now) && !skip.Contains(t.Id)
                && db.NotificationDeliveries.Any(d => d.TargetId == t.Id && (d.Status == DeliveryStatus.Pending || d.Status == DeliveryStatus.AwaitingRetry) && d.Kind != DeliveryKind.Test))
            .Select(t => t.Id).Take(count).ToListAsync(cancellationToken);
        await db.NotificationTargets.Where(t => due.Contains(t.Id)).ExecuteUpdateAsync(s => s.SetProperty(t => t.LeaseOwner, InstanceId).SetProperty(t => t.LeaseUntil, until), cancellationToken);
        return due;
    }

    /// Messages of a target read, and their attempts recorded, at once.
    private const int BatchSize = 20;

    /// The longest a sent message waits for its attempt to be recorded: what a crash of this
    /// instance can send again.
    private static readonly TimeSpan RecordEvery = TimeSpan.FromSeconds(1);

    private TimeSpan Lease => TimeSpan.FromSeconds(Math.Max(1, options.Value.LeaseSeconds));

    private long _renewedAt;

    /// The heartbeat: renews the leases of the targets this instance holds, every third of the
    /// lease, so that they last while it lives (a send may take TimeoutSeconds, a rate limit
    /// longer) and run out soon after it dies.
    private async Task RenewLeasesAsync(IReadOnlyCollection<Guid> held, CancellationToken cancellationToken)
    {
        if (held.Count == 0 || clock.GetElapsedTime(_renewedAt) < Lease / 3)
            return;
        _renewedAt = clock.GetTimestamp();
        var ids = held.ToList();
        var until = clock.GetUtcNow().UtcDateTime + Lease;
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            // Never shortens a lease that a rate-limit wait set further ahead.
            await db.NotificationTargets.Where(t => ids.Contains(t.Id) && t.LeaseOwner == InstanceId && (t.LeaseUntil == null || t.LeaseUntil < until))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LeaseUntil, until), cancellationToken);
        }
        catch (Exception ex) when (StorageFailure.IsUnavailable(ex))
        {
            logger.LogDebug("Notification leases could not be renewed ({Error}); trying again in a moment", ex.Message);
        }
    }

    /// Sends a claimed target's messages in order until none is due, a retry is waiting, the
    /// target is switched off or the lease is lost.
    public async Task SendTargetAsync(Guid targetId, CancellationToken stoppingToken)
    {
        var letGo = false;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
                var target = await db.NotificationTargets.SingleOrDefaultAsync(t => t.Id == targetId, CancellationToken.None);
                if (target is null || target.LeaseOwner != InstanceId || !target.Enabled)
                    return;
                var now = clock.GetUtcNow().UtcDateTime;
                if (target.NextAttemptAt > now)
                {
                    await LetGoAsync(db, target);
                    letGo = true;
                    return;
                }
                // A batch of the target's next messages, their events read together, their
                // attempts recorded together (RecordEvery).
                var batch = await db.NotificationDeliveries
                    .Where(d => d.TargetId == targetId && (d.Status == DeliveryStatus.Pending || d.Status == DeliveryStatus.AwaitingRetry) && d.Kind != DeliveryKind.Test)
                    .OrderBy(d => d.Id).Take(BatchSize).ToListAsync(CancellationToken.None);
                if (batch.Count == 0)
                {
                    await LetGoAsync(db, target);
                    letGo = true;
                    return;
                }
                var documents = await messages.BuildAsync(db, batch, target, CancellationToken.None);
                var recordedAt = clock.GetTimestamp();
                var stopped = false;
                foreach (var delivery in batch)
                {
                    if (!await SendOneAsync(db, target, delivery, documents.GetValueOrDefault(delivery.Id), stoppingToken))
                    {
                        stopped = true;
                        break;
                    }
                    if (clock.GetElapsedTime(recordedAt) >= RecordEvery)
                    {
                        await RecordAsync(db);
                        recordedAt = clock.GetTimestamp();
                    }
                }
                // Done for now (a retry waits, the target was switched off, or the batch held all
                // that was due): the lease is let go in the same write. Messages made meanwhile
                // are claimed again at once: the worker looks for work when a target's task ends.
                if (stopped || batch.Count < BatchSize)
                {
                    await LetGoAsync(db, target);
                    letGo = true;
                    return;
                }
                await RecordAsync(db);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping between messages; the lease runs out or is let go below
        }
        catch (Exception ex)
        {
            logger.LogWarning("Sending to notification target {Target} stopped ({Error}); another attempt follows when its lease runs out", targetId, ex.GetBaseException().Message);
        }
        if (letGo)
            return;
        try
        {
            await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
            await db.NotificationTargets.Where(t => t.Id == targetId && t.LeaseOwner == InstanceId)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LeaseOwner, (string?)null).SetProperty(t => t.LeaseUntil, (DateTime?)null), CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogDebug("A notification lease could not be let go ({Error}); it runs out by itself", ex.GetBaseException().Message);
        }
    }

    /// Sends one message and applies its outcome to the delivery and the target (recorded by the
    /// caller); false when the target must not be sent more now (a retry is waiting, it was
    /// disabled, the worker is stopping).
    private async Task<bool> SendOneAsync(HistoryDbContext db, NotificationTarget target, NotificationDelivery delivery, MessageDocument? document, CancellationToken stoppingToken)
    {
        // The rate limit: at most so many a minute, counted from the last attempt by any instance.
        var now = clock.GetUtcNow().UtcDateTime;
        var interval = TimeSpan.FromMinutes(1) / Math.Max(1, target.RateLimitPerMinute ?? options.Value.RateLimitPerMinute);
        if (target.LastAttemptAt is { } last && last + interval > now)
        {
            target.LeaseUntil = now + Lease + (last + interval - now);
            await RecordAsync(db);
            await Task.Delay(last + interval - now, clock, stoppingToken);
        }
        if (document is { Empty: true } && !delivery.SendWhenEmpty)
        {
            (delivery.Status, delivery.Error) = (DeliveryStatus.Skipped, "Nothing changed in the period; the schedule does not ask for empty digests.");
            return !stoppingToken.IsCancellationRequested;
        }
        // The send is not cancelled by stopping: it is short (TimeoutSeconds), and an attempt
        // cut off after the receiver took it would be sent again.
        SendOutcome outcome;
        using (var activity = HistoryTracing.Source.StartActivity("notification.send"))
        {
            activity?.SetTag("historygraph.target.kind", KindTag(target.Kind));
            activity?.SetTag("historygraph.delivery.id", delivery.Id);
            outcome = document is not null
                ? await sender.SendAsync(target, document, delivery.Id, CancellationToken.None)
                : SendOutcome.Permanent(delivery.EventSequence is { } sequence ? $"Event {sequence} is no longer stored (retention purged it)." : "Nothing to send.");
            if (!outcome.Delivered)
                activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, outcome.Error);
        }
        var at = clock.GetUtcNow().UtcDateTime;
        DeliveryOutcomes.Apply(target, delivery, outcome, at, options.Value);
        var result = outcome.Delivered ? "delivered" : delivery.Status == DeliveryStatus.AwaitingRetry ? "retrying" : "failed";
        metrics.NotificationAttempts.Add(1, HistoryMetrics.Tag("kind", KindTag(target.Kind)), HistoryMetrics.Tag("outcome", result));
        metrics.NotificationDuration.Record(outcome.DurationMs / 1000, HistoryMetrics.Tag("kind", KindTag(target.Kind)));
        target.LeaseUntil = at + Lease;
        if (!outcome.Delivered)
            logger.LogWarning("Notification {Delivery} to target {Target} ({Kind}) failed: {Error}; {Status}", delivery.Id, target.Name, target.Kind, outcome.Error, delivery.Status);
        return target.Enabled && target.NextAttemptAt is null && !stoppingToken.IsCancellationRequested;
    }

    /// Records the attempts made since the last write, with the target's state and lease, in
    /// one round trip: on PostgreSQL the statements go as one batch, which runs as one
    /// transaction, on connections that commit without waiting for the disk (UnwaitedCommits).
    /// The record is durable within a fraction of a second, and a database crash in that window
    /// costs what a crash before the write already costs, those messages sent again.
    private static async Task RecordAsync(HistoryDbContext db)
    {
        if (db.Provider == StorageProvider.PostgreSql)
            db.Database.AutoTransactionBehavior = AutoTransactionBehavior.Never;
        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// WEBHOOK, SLACK, GOOGLE_CHAT: the kind as the API spells it.
    private static string KindTag(NotificationKind kind) => System.Text.Json.JsonNamingPolicy.SnakeCaseUpper.ConvertName(kind.ToString());

    private static async Task LetGoAsync(HistoryDbContext db, NotificationTarget target)
    {
        (target.LeaseOwner, target.LeaseUntil) = (null, null);
        await RecordAsync(db);
    }
}
