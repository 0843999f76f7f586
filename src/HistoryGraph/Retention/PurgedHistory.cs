using GraphQL;
using HistoryGraph.Ingestion.Storage;
using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.Retention;

/// Where complete history starts once retention has purged some: after the highest purged
/// sequence. A stream resumed `after` an earlier sequence would silently miss purged events, so
/// it is refused with HISTORY_PURGED, naming the sequence to resume from instead.
public static class PurgedHistory
{
    public const string Code = "HISTORY_PURGED";

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
