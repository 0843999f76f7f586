using HistoryGraph.Ingestion.Notifications;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HistoryGraph.Notifications;

/// Makes the digest deliveries: for each enabled target, each schedule's cron is read in the
/// target's time zone (Cronos, daylight saving included), and when it has fired since the target
/// was last looked at, a digest of the day or week ending then is queued. Only the latest
/// firing counts (a server down for a week sends one weekly digest, not seven dailies), and the
/// unique index on (target, period, end) makes it one delivery whichever instance sees it first.
public sealed class DigestScheduler(
    IDbContextFactory<HistoryDbContext> contexts,
    StoreReadiness readiness,
    DeliveryWorker worker,
    IOptions<NotificationOptions> options,
    TimeProvider clock,
    ILogger<DigestScheduler> logger) : BackgroundService
{
    /// A schedule is not looked at further back than this: longer outages send the latest only.
    private static readonly TimeSpan LookBack = TimeSpan.FromDays(8);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WaitAsync(Timeout.InfiniteTimeSpan, stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await ScheduleAsync(stoppingToken) > 0)
                    worker.Wake();
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Digests cannot be scheduled ({Error}); trying again at the next check", ex.GetBaseException().Message);
            }
            await Task.Delay(TimeSpan.FromSeconds(Math.Max(0.05, options.Value.DigestCheckSeconds)), clock, stoppingToken);
        }
    }

    /// Queues the digests due since each target was last looked at; returns how many.
    public async Task<int> ScheduleAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var targets = await db.NotificationTargets.AsNoTracking().Where(t => t.Enabled && t.DigestsCheckedAt < now).ToListAsync(cancellationToken);
        var queued = 0;
        foreach (var target in targets.Where(t => t.Digests.Count > 0))
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(target.TimeZone);
            var from = target.DigestsCheckedAt > now - LookBack ? target.DigestsCheckedAt : now - LookBack;
            foreach (var schedule in target.Digests)
            {
                if (LatestFiring(schedule.Cron, zone, from, now) is not { } end)
                    continue;
                if (await QueueAsync(target, schedule.Period, PeriodStart(end, schedule.Period, zone), end, schedule.SendWhenEmpty, "schedule", cancellationToken) is not null)
                    queued++;
            }
        }
        // Looked at up to now, whether or not a schedule fired (or another instance queued it).
        var ids = targets.Select(t => t.Id).ToList();
        await db.NotificationTargets.Where(t => ids.Contains(t.Id) && t.DigestsCheckedAt < now).ExecuteUpdateAsync(s => s.SetProperty(t => t.DigestsCheckedAt, now), cancellationToken);
        return queued;
    }

    /// Queues one digest; null when the same scheduled period is already queued.
    public async Task<NotificationDelivery?> QueueAsync(NotificationTarget target, DigestPeriod period, DateTime start, DateTime end, bool sendWhenEmpty, string requestedBy,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (period != DigestPeriod.Custom && await db.NotificationDeliveries.AnyAsync(d => d.TargetId == target.Id && d.DigestPeriod == period && d.PeriodEnd == end, cancellationToken))
            return null;
        var delivery = new NotificationDelivery
        {
            TargetId = target.Id,
            Kind = DeliveryKind.Digest,
            DigestPeriod = period,
            PeriodStart = start,
            PeriodEnd = end,
            SendWhenEmpty = sendWhenEmpty,
            RequestedBy = requestedBy,
            Status = DeliveryStatus.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
        };
        db.NotificationDeliveries.Add(delivery);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return delivery;
        }
        catch (DbUpdateException) when (period != DigestPeriod.Custom)
        {
            return null; // another instance queued it first: the unique index keeps one
        }
    }

    /// When the schedule last fired in (from, now], read in the zone; null: it did not.
    public static DateTime? LatestFiring(string schedule, TimeZoneInfo zone, DateTime from, DateTime now)
    {
        if (CronSchedules.Parse(schedule) is not { } cron)
            return null;
        var end = cron.GetOccurrences(DateTime.SpecifyKind(from, DateTimeKind.Utc), DateTime.SpecifyKind(now, DateTimeKind.Utc), zone, fromInclusive: false, toInclusive: true).LastOrDefault();
        return end == default ? null : end;
    }

    /// The day or the seven days before `end`, counted in the target's local time, so that a
    /// daily digest across a change of clocks covers 23 or 25 hours, from the same hour.
    public static DateTime PeriodStart(DateTime end, DigestPeriod period, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(end, DateTimeKind.Utc), zone);
        var start = DateTime.SpecifyKind(local.AddDays(period == DigestPeriod.Weekly ? -7 : -1), DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(start))
            start = start.AddMinutes(30);
        return TimeZoneInfo.ConvertTimeToUtc(start, zone);
    }
}
