using GraphQL;
using HistoryGraph.Ingestion.Storage;
using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.Retention;

/// Where complete history starts once retention has purged some: after the highest purged
/// sequence, and from the latest cut-off (a purge keeps each entity's version in force at its
/// cut-off, so every later moment can be told). A stream resumed `after` an earlier sequence
/// would silently miss purged events, and the state at an earlier moment would be told from
/// what is left of it: both are refused with HISTORY_PURGED, naming where history is complete.
public static class PurgedHistory
{
    public const string Code = "HISTORY_PURGED";

    /// Refuses a moment (a time, or the state right after an event's sequence) that a purge
    /// left incomplete: a time before the latest cut-off of a run that removed events, or a
    /// sequence not after the highest sequence removed.
    public static async Task EnsureCompleteAtAsync(HistoryDbContext db, DateTime? at, long? sequence, CancellationToken cancellationToken)
    {
        var highest = await db.PurgedRanges.AsNoTracking().OrderByDescending(r => r.ToSequence).FirstOrDefaultAsync(cancellationToken);
        if (highest is null)
            return;
        var cutoff = await db.PurgeRuns.AsNoTracking().Where(r => r.EventsPurged > 0).MaxAsync(r => (DateTime?)r.Cutoff, cancellationToken);
        var incomplete = at is { } time ? cutoff is { } c && time < c : sequence is { } s && s <= highest.ToSequence;
        if (!incomplete)
            return;
        var moment = at is { } t ? $"{t:yyyy-MM-ddTHH:mm:ss.fffZ}" : $"sequence {sequence}";
        throw new ExecutionError(
            $"The history at {moment} was purged by retention (events before {cutoff:yyyy-MM-ddTHH:mm:ssZ}, up to sequence {highest.ToSequence}): " +
            $"what is left cannot tell that state. History is complete from {cutoff:yyyy-MM-ddTHH:mm:ssZ} (`at`) and after sequence {highest.ToSequence} (`sequence`).")
        {
            Code = Code,
        };
    }

    public static async Task EnsureCompleteAfterAsync(IDbContextFactory<HistoryDbContext> contexts, long? after, CancellationToken cancellationToken)
    {
        if (after is not { } resumeAfter)
            return;
        PurgedRange? last;
        DateTime? cutoff;
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            last = await db.PurgedRanges.AsNoTracking().Where(r => r.ToSequence > resumeAfter).OrderByDescending(r => r.ToSequence).FirstOrDefaultAsync(cancellationToken);
            if (last is null)
                return;
            cutoff = await db.PurgeRuns.Where(r => r.Id == last.RunId).Select(r => (DateTime?)r.Cutoff).FirstOrDefaultAsync(cancellationToken);
        }
        catch (Exception ex) when (StorageFailure.IsUnavailable(ex))
        {
            return; // the store is away: the replay waits for it, as it would without retention
        }
        throw new ExecutionError(
            $"Events after sequence {resumeAfter} were purged by retention (up to sequence {last.ToSequence}, events before {cutoff:yyyy-MM-ddTHH:mm:ssZ}): " +
            $"a replay from there would miss them. History is complete after sequence {last.ToSequence}: resume with `after: {last.ToSequence}` or later, " +
            "or subscribe without `after`.") { Code = Code };
    }
}
