using HistoryGraph.Backfill;
using HistoryGraph.Ingestion.OpenMetadataApi;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Ingestion.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HistoryGraph.Completeness;

/// Checks the history against OpenMetadata one window of time at a time, from where the last
/// check ended (windows whose check failed first): OpenMetadata's event log over the window,
/// with what the history lacks stored (BACKFILL); every version OpenMetadata lists for the
/// window where its release has a history endpoint, with those the history lacks stored
/// (VERSION_REPAIR: a version saved without an event is found so); then the versions of every
/// entity the window touched, with the gaps between them fetched from OpenMetadata and those it
/// cannot give recorded (KnownGap) with why. Each window is recorded with its counts
/// (ReconciledWindow), so that what was verified, and what is missing, can be asked. A window
/// whose log has events that no webhook delivered is marked silent, and logged: OpenMetadata's
/// alert may be disabled.
public sealed class Reconciler(
    EventBackfill log,
    VersionRepair versions,
    OpenMetadataClient openMetadata,
    IOptions<BackfillOptions> backfill,
    IDbContextFactory<HistoryDbContext> contexts,
    TimeProvider clock,
    IOptions<ReconciliationOptions> options,
    HistoryMetrics metrics,
    ILogger<Reconciler> logger)
{
    /// How long a type whose collection answered that it has no history endpoint is not asked again.
    private static readonly TimeSpan NoHistoryFor = TimeSpan.FromHours(6);

    /// Pages of one type's history read per window at most.
    private const int MaxHistoryPages = 1000;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTime> _noHistoryUntil = new(StringComparer.Ordinal);

    /// Checks the windows that are due, up to Reconciliation:MaxWindowsPerPass (windows whose
    /// check failed, once Reconciliation:RetryMinutes have passed, in at most half of them), then
    /// tries again the gaps OpenMetadata refused or could not give that no window has touched
    /// since. A check that finds OpenMetadata unreachable ends the pass. How many windows it checked.
    public async Task<int> ReconcileAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var length = TimeSpan.FromMinutes(Math.Max(1, settings.WindowMinutes));
        var now = clock.GetUtcNow().UtcDateTime;
        var horizon = now - TimeSpan.FromMinutes(Math.Max(0, settings.SettleMinutes));
        var retryBefore = now - TimeSpan.FromMinutes(Math.Max(0, settings.RetryMinutes));
        var done = 0;
        // Half the pass at most, so that new windows go on being checked while an old one keeps failing.
        foreach (var failed in await FailedWindowsAsync(retryBefore, Math.Max(1, settings.MaxWindowsPerPass / 2), cancellationToken))
        {
            done++;
            if (!await CheckAsync(failed, cancellationToken))
                return done;
        }
        while (done < settings.MaxWindowsPerPass)
        {
            var from = await NextStartAsync(length, horizon, cancellationToken);
            if (from + length > horizon)
                break;
            done++;
            if (!await CheckAsync(new ReconciledWindow { From = from, To = from + length }, cancellationToken))
                return done;
        }
        await RetryGapsAsync(retryBefore, cancellationToken);
        await CountOpenGapsAsync(cancellationToken);
        return done;
    }

    /// Counts the known gaps not recovered, for the `completeness.gaps` metric.
    public async Task CountOpenGapsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        metrics.RecordOpenGaps(await db.KnownGaps.LongCountAsync(g => g.RecoveredAt == null, cancellationToken));
    }

    private async Task<List<ReconciledWindow>> FailedWindowsAsync(DateTime checkedBefore, int limit, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ReconciledWindows.AsNoTracking().Where(w => w.Error != null && w.CheckedAt <= checkedBefore)
            .OrderBy(w => w.CheckedAt).ThenBy(w => w.From).Take(limit).ToListAsync(cancellationToken);
    }

    /// Open gaps OpenMetadata refused or could not give, last tried before the instant: their
    /// entities' versions are asked for again (a window that touches them does so too, but an
    /// entity nobody changes again is touched by no later window), and the gaps recorded anew.
    private async Task RetryGapsAsync(DateTime triedBefore, CancellationToken cancellationToken)
    {
        List<KnownGap> due;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            due = await db.KnownGaps.AsNoTracking()
                .Where(g => g.RecoveredAt == null && g.Reason != MissingReason.NotInOpenMetadata && g.LastTriedAt <= triedBefore)
                .OrderBy(g => g.LastTriedAt).Take(Math.Max(1, backfill.Value.MaxGapsPerRun)).ToListAsync(cancellationToken);
        if (due.Count == 0)
            return;
        var entities = due.Select(g => g.EntityId).ToHashSet();
        var repair = await versions.RepairAsync(entities, cancellationToken);
        await using (var db = await contexts.CreateDbContextAsync(CancellationToken.None))
        {
            await RecordGapsAsync(db, entities, repair, null, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(CancellationToken.None);
        }
        var recovered = repair.Truncated ? 0 : due.Count(g => !repair.StillMissing.Any(m => m.EntityId == g.EntityId && m.BeforeVersion == g.BeforeVersion));
        logger.LogInformation("Tried again {Gaps} gap(s) OpenMetadata had refused or not answered: {Recovered} closed, {Stored} version(s) stored",
            due.Count, recovered, repair.VersionsStored);
    }

    /// Where the last window ended; before any, Reconciliation:Since, else the oldest stored event.
    private async Task<DateTime> NextStartAsync(TimeSpan length, DateTime horizon, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var last = await db.ReconciledWindows.MaxAsync(w => (DateTime?)w.To, cancellationToken);
        if (last is { } end)
            return end;
        if (options.Value.Since is { } since)
            return DateTime.SpecifyKind(since.ToUniversalTime(), DateTimeKind.Utc);
        var oldest = await db.ChangeEvents.MinAsync(e => (DateTime?)e.Timestamp, cancellationToken);
        return oldest ?? horizon - length;
    }

    /// Checks one window and records it; false when OpenMetadata could not be reached.
    private async Task<bool> CheckAsync(ReconciledWindow window, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        window.CheckedAt = now;
        window.Error = null;
        VersionRepairReport? repair = null;
        HashSet<Guid> touched = [];
        var listedAll = false;
        try
        {
            // OpenMetadata no longer keeps the log of an old window: its versions tell what was
            // made. The log's `until` is inclusive, a window's end is not.
            var logKept = window.To > now - TimeSpan.FromDays(Math.Max(0, options.Value.LogRetentionDays));
            var reading = logKept
                ? await log.ReadLogAsync(window.From, window.To.AddMilliseconds(-1), cancellationToken)
                : new EventLogReading(0, 0, 0, 0, 0, 0, new HashSet<Guid>());
            var (listed, listedStored, anyHistory) = await ListedVersionsAsync(window, cancellationToken);
            // The versions checked: of the entities the log names, and of those the history has events of in the window.
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
                touched = [.. reading.Entities, .. await db.ChangeEvents.Where(e => e.Timestamp >= window.From && e.Timestamp < window.To)
                    .Select(e => e.EntityId).Distinct().ToListAsync(cancellationToken)];
            repair = await versions.RepairAsync(touched, cancellationToken);
            (window.EventsSeen, window.EventsStored, window.VersionsListed, window.VersionsSeen) = (reading.Read, reading.Stored, anyHistory, listed);
            window.VersionsStored = listedStored + repair.VersionsStored;
            window.StillMissing = repair.StillMissing.Sum(g => Math.Max(1, g.MissingVersions.Count));
            // A window with more gaps than one run repairs is not verified: it is checked again for the rest.
            window.Error = repair.Error ?? (repair.Truncated ? $"GAPS_LEFT: more version gaps than Backfill:MaxGapsPerRun ({backfill.Value.MaxGapsPerRun}); the rest are repaired when the window is checked again" : null);
            listedAll = anyHistory;
        }
        catch (OpenMetadataException ex)
        {
            window.Error = $"{ex.Code}: {ex.Message}";
        }
        await RecordAsync(window, touched, repair, listedAll, now);
        var outcome = window.Error is not null ? "failed" : window.Silent ? "silent" : window.StillMissing > 0 ? "missing" : "complete";
        metrics.ReconciledWindows.Add(1, HistoryMetrics.Tag("outcome", outcome));
        metrics.RecoveredEvents.Add(window.EventsStored, HistoryMetrics.Tag("kind", "event"));
        metrics.RecoveredEvents.Add(window.VersionsStored, HistoryMetrics.Tag("kind", "version"));
        if (window.Silent)
            logger.LogWarning("OpenMetadata's log has {Events} event(s) from {From:O} to {To:O} but no webhook delivered any: is the alert that sends them to HistoryGraph disabled or failing?",
                window.EventsSeen, window.From, window.To);
        if (window.Error is { } error)
            logger.LogWarning("Reconciling {From:O} to {To:O} stopped: {Error}; the window is checked again on the next pass", window.From, window.To, error);
        else if (window.EventsStored + window.VersionsStored + window.StillMissing > 0)
            logger.LogInformation("Reconciled {From:O} to {To:O}: {Events} event(s) and {Versions} version(s) were missing and are stored; {Left} version(s) still missing",
                window.From, window.To, window.EventsStored, window.VersionsStored, window.StillMissing);
        return window.Error?.StartsWith(OpenMetadataException.Unreachable, StringComparison.Ordinal) != true;
    }

    /// Every version OpenMetadata's history endpoint lists for the window, type by type (types
    /// whose release has none are skipped for a while), with those the history lacks stored.
    /// How many were listed and stored, and whether any type had the endpoint.
    private async Task<(int Listed, int Stored, bool Any)> ListedVersionsAsync(ReconciledWindow window, CancellationToken cancellationToken)
    {
        var (listed, stored, any) = (0, 0, false);
        var (start, end) = (OpenMetadataClient.EpochMilliseconds(window.From), OpenMetadataClient.EpochMilliseconds(window.To) - 1);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var entityType in OpenMetadataCollections.EntityTypes)
        {
            if (_noHistoryUntil.TryGetValue(entityType, out var until) && until > now)
                continue;
            string? after = null;
            var cursors = new HashSet<string>(StringComparer.Ordinal);
            for (var page = 0; page < MaxHistoryPages; page++)
            {
                var answer = await openMetadata.GetHistoryAsync(entityType, start, end, after, cancellationToken);
                if (answer is null)
                {
                    _noHistoryUntil[entityType] = now + NoHistoryFor;
                    break;
                }
                any = true;
                var (seen, added) = await versions.StoreListedAsync(entityType, answer.Versions, cancellationToken);
                (listed, stored) = (listed + seen, stored + added);
                if (answer.After is not { } next || !cursors.Add(next))
                    break;
                after = next;
            }
        }
        return (listed, stored, any);
    }

    /// The window as checked, with what the history now holds of it (the webhook's events; the
    /// versions made, where OpenMetadata did not list them), and the gaps left: recorded (or
    /// updated) with why, and the touched entities' earlier gaps that are now closed marked
    /// recovered. Saved even when the caller has gone: the check was made.
    private async Task RecordAsync(ReconciledWindow window, HashSet<Guid> touched, VersionRepairReport? repair, bool versionsListed, DateTime now)
    {
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        if (repair is not null)
        {
            window.WebhookEvents = await db.ChangeEvents.CountAsync(e => e.Timestamp >= window.From && e.Timestamp < window.To && e.Origin == EventOrigin.Webhook);
            window.Silent = window.EventsSeen > 0 && window.WebhookEvents == 0;
            if (!versionsListed)
                window.VersionsSeen = await db.EntityVersions.CountAsync(v => v.ChangedAt >= window.From && v.ChangedAt < window.To);
        }
        if (window.Id == 0)
            db.ReconciledWindows.Add(window);
        else
            db.ReconciledWindows.Update(window);
        await db.SaveChangesAsync(CancellationToken.None);
        if (repair is null)
            return;
        await RecordGapsAsync(db, touched, repair, window.Id, now);
        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// After a repair of these entities: their open gaps it closed are marked recovered (when it
    /// saw all of their gaps), and each
    /// gap it left is recorded (or updated) with its own reason: the gaps walked through are
    /// versions OpenMetadata does not have, the one it refused is refused, and those after
    /// OpenMetadata went away are unreachable. A gap is kept under the window that found it
    /// (windowId; a gap a retry found, under that of its entity's other gap).
    private static async Task RecordGapsAsync(HistoryDbContext db, IReadOnlyCollection<Guid> entities, VersionRepairReport repair, long? windowId, DateTime now)
    {
        var left = repair.StillMissing.ToDictionary(g => (g.EntityId, g.BeforeVersion));
        var ids = entities.ToList();
        var open = await db.KnownGaps.Where(g => ids.Contains(g.EntityId) && g.RecoveredAt == null).ToListAsync();
        // A gap the run did not see is closed only if the run saw every gap of these entities.
        if (!repair.Truncated)
            foreach (var known in open.Where(g => !left.ContainsKey((g.EntityId, g.BeforeVersion))))
                known.RecoveredAt = now;
        foreach (var gap in repair.StillMissing)
        {
            var known = open.FirstOrDefault(g => g.EntityId == gap.EntityId && g.BeforeVersion == gap.BeforeVersion);
            if (known is null)
            {
                if ((windowId ?? open.FirstOrDefault(g => g.EntityId == gap.EntityId)?.WindowId) is not { } window)
                    continue;
                known = new KnownGap { EntityId = gap.EntityId, BeforeVersion = gap.BeforeVersion, EntityType = gap.EntityType, FoundAt = now, WindowId = window };
                db.KnownGaps.Add(known);
            }
            else if (windowId is { } window)
                known.WindowId = window;
            (known.AfterVersion, known.Fqn, known.LastTriedAt) = (gap.AfterVersion, gap.Fqn, now);
            (known.Reason, known.Detail) = gap.Reason switch
            {
                MissingReason.NotInOpenMetadata or null => (MissingReason.NotInOpenMetadata, NotInOpenMetadata),
                { } reason => (reason, gap.Detail),
            };
            known.Versions = string.Join(",", gap.MissingVersions.Select(v => v.ToString("0.0##", System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    private const string NotInOpenMetadata = "OpenMetadata no longer has these versions (an entity hard-deleted there loses its versions).";
}
