using HistoryGraph.Ingestion.Resilience;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Ingestion.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Polly;

namespace HistoryGraph.Retention;

/// Removes events older than a cut-off, with their field changes and the versions they made,
/// in batches of Retention:BatchSize, each its own short transaction that holds no lock a
/// delivery waits for (on PostgreSQL; SQLite writes one at a time). It always keeps the
/// events that the rest of the history points at: each entity's latest version and current
/// state, its version in force at the cut-off (so that the state at any moment from the cut-off
/// on can still be told), and every deletion with its last snapshot and its restore, so that
/// every entity and deletion stays readable and restorable. Sequences are never reused: each batch records the
/// ranges it purged (PurgedRange), and a run is recorded with its counts as it goes (PurgeRun).
/// The transparency log keeps the purged events' leaves, so they stay provable, as redacted.
/// Where an operator routed retention through the function historygraph_purge
/// (deploy/postgres/harden.sql: the server's role may not delete history itself), the rows are
/// removed through it.
public sealed class HistoryPurge(IDbContextFactory<HistoryDbContext> contexts, TimeProvider clock, IOptions<RetentionOptions> options, HistoryMetrics metrics,
    ILogger<HistoryPurge> logger)
{
    // Any number of its own: the advisory lock's key for purge batches.
    private const long PurgeLockKey = 0x48475075726765; // "HGPurge"

    /// A batch that met a delivery's row lock (or a deadlock) is rolled back whole and tried
    /// again a moment later; its counts are taken only from the attempt that committed.
    private readonly ResiliencePipeline _lockRetry = Retries.Create(logger, "A purge batch (rows locked by a delivery)", TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(1),
        doubling: false, attempts: 19, handles: ex => ex.GetBaseException() is PostgresException { SqlState: "55P03" or "40P01" or "40001" }, clock: clock);

    public async Task<PurgeRun> PurgeAsync(DateTime cutoff, string requestedBy, CancellationToken cancellationToken)
    {
        var run = new PurgeRun { RequestedBy = requestedBy, StartedAt = clock.GetUtcNow().UtcDateTime, Cutoff = cutoff, Status = PurgeStatus.Running };
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            db.PurgeRuns.Add(run);
            await db.SaveChangesAsync(cancellationToken);
        }
        logger.LogInformation("Purge run {Run}: removing history older than {Cutoff:O}", run.Id, cutoff);
        try
        {
            var position = (Timestamp: DateTime.MinValue, Sequence: 0L);
            while (await PurgeBatchWithRetryAsync(run, cutoff, position, cancellationToken) is { } next)
                position = next;
            run.Status = PurgeStatus.Completed;
        }
        catch (Exception ex)
        {
            run.Status = PurgeStatus.Failed;
            run.Error = ex is OperationCanceledException ? "Stopped before the end." : ex.GetBaseException().Message;
            logger.LogWarning("Purge run {Run} failed: {Error}", run.Id, run.Error);
        }
        run.FinishedAt = clock.GetUtcNow().UtcDateTime;
        await using (var db = await contexts.CreateDbContextAsync(CancellationToken.None))
        {
            db.PurgeRuns.Update(run);
            await db.SaveChangesAsync(CancellationToken.None);
        }
        metrics.PurgeRuns.Add(1, HistoryMetrics.Tag("outcome", run.Status == PurgeStatus.Completed ? "completed" : "failed"));
        metrics.PurgedEvents.Add(run.EventsPurged);
        logger.LogInformation("Purge run {Run} {Status}: {Events} event(s), {FieldChanges} field change(s), {Versions} version(s) removed; {Kept} old event(s) kept",
            run.Id, run.Status, run.EventsPurged, run.FieldChangesPurged, run.VersionsPurged, run.EventsKept);
        return run;
    }

    private Task<(DateTime, long)?> PurgeBatchWithRetryAsync(PurgeRun run, DateTime cutoff, (DateTime, long) after, CancellationToken cancellationToken) =>
        _lockRetry.ExecuteAsync(async ct =>
        {
            var before = (run.EventsPurged, run.FieldChangesPurged, run.VersionsPurged, run.EventsKept, run.FirstSequence, run.LastSequence);
            try
            {
                return await PurgeBatchAsync(run, cutoff, after, ct);
            }
            catch
            {
                (run.EventsPurged, run.FieldChangesPurged, run.VersionsPurged, run.EventsKept, run.FirstSequence, run.LastSequence) = before;
                throw;
            }
        }, cancellationToken).AsTask();

    /// One batch along (timestamp, sequence), the events' time index; returns the position to
    /// go on from, or null at the end.
    private async Task<(DateTime, long)?> PurgeBatchAsync(PurgeRun run, DateTime cutoff, (DateTime Timestamp, long Sequence) after, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Provider == StorageProvider.PostgreSql)
        {
            // Writers are not held up: the batch takes no lock of theirs (not the sequence), and
            // what it keeps cannot stop being needed while it runs (a delivery only ever points
            // the history at events of its own, never at an old one it did not already point at).
            // Where a delivery and the batch meet on a row (a version rewritten as it is purged),
            // the batch waits briefly, then gives way and is tried again (PurgeBatchWithRetryAsync).
            await db.Database.ExecuteSqlRawAsync("SET LOCAL lock_timeout = '200ms'", cancellationToken);
            // Purges of several instances (each on its schedule) take turns batch by batch, so
            // that each batch reads what the last one left.
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({PurgeLockKey})", cancellationToken);
        }
        else
        {
            // SQLite writes one transaction at a time anyway: take the writers' lock first, as
            // they do, rather than upgrading to a write lock half-way.
            await db.LockSequenceAsync(cancellationToken);
        }
        var (at, sequence) = after;
        var candidates = await db.ChangeEvents.AsNoTracking()
            .Where(e => e.Timestamp < cutoff && (e.Timestamp > at || (e.Timestamp == at && e.Sequence > sequence)))
            .OrderBy(e => e.Timestamp).ThenBy(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Timestamp, e.EntityId })
            .Take(Math.Max(1, options.Value.BatchSize))
            .ToListAsync(cancellationToken);
        if (candidates.Count == 0)
            return null;

        var entityIds = candidates.Select(c => c.EntityId).Distinct().ToList();
        var kept = await KeptAsync(db, entityIds, cutoff, cancellationToken);
        var purged = candidates.Select(c => c.Sequence).Where(s => !kept.Contains(s)).ToList();
        if (purged.Count > 0)
        {
            if (db.Provider == StorageProvider.PostgreSql && await HasPurgeFunctionAsync(db, cancellationToken))
            {
                var removed = await db.Database.SqlQuery<PurgeCounts>(
                    $"SELECT field_changes_purged AS \"FieldChanges\", versions_purged AS \"Versions\", events_purged AS \"Events\" FROM historygraph_purge({purged.ToArray()}, {entityIds.ToArray()})")
                    .SingleAsync(cancellationToken);
                (run.FieldChangesPurged, run.VersionsPurged, run.EventsPurged) = (run.FieldChangesPurged + removed.FieldChanges, run.VersionsPurged + removed.Versions, run.EventsPurged + removed.Events);
            }
            else
            {
                run.FieldChangesPurged += await db.FieldChanges.Where(f => purged.Contains(f.EventSequence)).ExecuteDeleteAsync(cancellationToken);
                run.VersionsPurged += await db.EntityVersions.Where(v => entityIds.Contains(v.EntityId) && purged.Contains(v.EventSequence)).ExecuteDeleteAsync(cancellationToken);
                run.EventsPurged += await db.ChangeEvents.Where(e => purged.Contains(e.Sequence)).ExecuteDeleteAsync(cancellationToken);
            }
            await RecordRangesAsync(db, run, candidates.Select(c => c.Sequence).ToList(), purged.ToHashSet(), cancellationToken);
            run.FirstSequence = Math.Min(run.FirstSequence ?? long.MaxValue, purged.Min());
            run.LastSequence = Math.Max(run.LastSequence ?? long.MinValue, purged.Max());
        }
        run.EventsKept += candidates.Count - purged.Count;
        db.PurgeRuns.Update(run);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var last = candidates[^1];
        return (last.Timestamp, last.Sequence);
    }

    private static async Task<bool> HasPurgeFunctionAsync(HistoryDbContext db, CancellationToken cancellationToken) =>
        await db.Database.SqlQuery<bool>($"SELECT to_regprocedure('historygraph_purge(bigint[], uuid[])') IS NOT NULL AS \"Value\"").SingleAsync(cancellationToken);

    /// The events of these entities that must stay: each one's latest version, its version in
    /// force at the cut-off and its current state, and each deletion's own event, last snapshot
    /// and restore.
    private static async Task<HashSet<long>> KeptAsync(HistoryDbContext db, List<Guid> entityIds, DateTime cutoff, CancellationToken cancellationToken)
    {
        var kept = new HashSet<long>();
        var states = await db.Entities.AsNoTracking().Where(e => entityIds.Contains(e.EntityId))
            .Select(e => new { e.StateEventSequence, e.SnapshotEventSequence }).ToListAsync(cancellationToken);
        foreach (var state in states)
        {
            kept.Add(state.StateEventSequence);
            if (state.SnapshotEventSequence is { } snapshot)
                kept.Add(snapshot);
        }
        var deletions = await db.Deletions.AsNoTracking().Where(d => entityIds.Contains(d.EntityId))
            .Select(d => new { d.EventSequence, d.SnapshotEventSequence, d.RestoreEventSequence }).ToListAsync(cancellationToken);
        foreach (var deletion in deletions)
        {
            kept.Add(deletion.EventSequence);
            if (deletion.SnapshotEventSequence is { } snapshot)
                kept.Add(snapshot);
            if (deletion.RestoreEventSequence is { } restore)
                kept.Add(restore);
        }
        var latest = await db.EntityVersions.AsNoTracking()
            .Where(v => entityIds.Contains(v.EntityId) && !db.EntityVersions.Any(w => w.EntityId == v.EntityId && w.Version > v.Version))
            .Select(v => v.EventSequence).ToListAsync(cancellationToken);
        kept.UnionWith(latest);
        var inForceAtCutoff = await db.EntityVersions.AsNoTracking()
            .Where(v => entityIds.Contains(v.EntityId) && v.ChangedAt < cutoff
                && !db.EntityVersions.Any(w => w.EntityId == v.EntityId && w.Version > v.Version && w.ChangedAt < cutoff))
            .Select(v => v.EventSequence).ToListAsync(cancellationToken);
        kept.UnionWith(inForceAtCutoff);
        return kept;
    }

    /// The batch's sequences as runs of consecutive numbers (an event kept inside a run does
    /// not break it: it is still there to read), each recorded with how many it removed; a run
    /// that continues the previous range extends it.
    private static async Task RecordRangesAsync(HistoryDbContext db, PurgeRun run, List<long> examined, HashSet<long> purged, CancellationToken cancellationToken)
    {
        examined.Sort();
        var ranges = new List<PurgedRange>();
        foreach (var sequence in examined)
        {
            var removed = purged.Contains(sequence) ? 1 : 0;
            if (ranges.Count > 0 && ranges[^1].ToSequence == sequence - 1)
            {
                ranges[^1].ToSequence = sequence;
                ranges[^1].Events += removed;
            }
            else
                ranges.Add(new PurgedRange { FromSequence = sequence, ToSequence = sequence, RunId = run.Id, Events = removed });
        }
        // Trim kept events off the ends: a range starts and ends with a purged sequence.
        var recorded = ranges.Where(r => r.Events > 0).ToList();
        foreach (var range in recorded)
        {
            while (!purged.Contains(range.FromSequence))
                range.FromSequence++;
            while (!purged.Contains(range.ToSequence))
                range.ToSequence--;
        }
        // A range that continues one of the run's earlier batches extends it (one look-up for all).
        var ends = recorded.Select(r => r.FromSequence - 1).ToList();
        var continued = await db.PurgedRanges.Where(r => r.RunId == run.Id && ends.Contains(r.ToSequence)).ToDictionaryAsync(r => r.ToSequence, cancellationToken);
        foreach (var range in recorded)
        {
            if (continued.TryGetValue(range.FromSequence - 1, out var previous))
            {
                previous.ToSequence = range.ToSequence;
                previous.Events += range.Events;
            }
            else
                db.PurgedRanges.Add(range);
        }
    }
}
