using HistoryGraph.Ingestion.Storage;
using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.Completeness;

/// How complete the history is over a range, as the reconciler found it: the windows checked in
/// it with their counts, the versions still missing (open gaps found there), the windows where
/// OpenMetadata's log had events no webhook delivered, and how far the history is verified
/// complete: from the first window checked, through every window in a row that was checked
/// without an error and left no gap open.
public sealed record CompletenessReport(
    DateTime From,
    DateTime To,
    DateTime? VerifiedFrom,
    DateTime? VerifiedUntil,
    int WindowsChecked,
    int EventsSeen,
    int EventsStored,
    int VersionsStored,
    int WebhookEvents,
    IReadOnlyList<ReconciledWindow> Windows,
    IReadOnlyList<KnownGap> Missing)
{
    /// The most windows an answer lists (the counts cover them all).
    public const int MaxWindowsListed = 500;

    public IReadOnlyList<ReconciledWindow> SilentWindows => Windows.Where(w => w.Silent).ToList();

    public static async Task<CompletenessReport> ReadAsync(HistoryDbContext db, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        var inRange = db.ReconciledWindows.AsNoTracking().Where(w => w.From < to && w.To > from);
        var totals = await inRange.GroupBy(_ => 1).Select(g => new
        {
            Count = g.Count(), Seen = g.Sum(w => w.EventsSeen), Stored = g.Sum(w => w.EventsStored), Versions = g.Sum(w => w.VersionsStored), Webhook = g.Sum(w => w.WebhookEvents),
        }).FirstOrDefaultAsync(cancellationToken);
        var windows = await inRange.OrderBy(w => w.From).Take(MaxWindowsListed).ToListAsync(cancellationToken);
        var ids = windows.Select(w => w.Id).ToList();
        var missing = await db.KnownGaps.AsNoTracking().Where(g => g.RecoveredAt == null && ids.Contains(g.WindowId))
            .OrderBy(g => g.EntityId).ThenBy(g => g.BeforeVersion).ToListAsync(cancellationToken);
        var (verifiedFrom, verifiedUntil) = await VerifiedAsync(db, cancellationToken);
        return new CompletenessReport(from, to, verifiedFrom, verifiedUntil, totals?.Count ?? 0, totals?.Seen ?? 0, totals?.Stored ?? 0, totals?.Versions ?? 0, totals?.Webhook ?? 0,
            windows, missing);
    }

    /// From the first window ever checked, along windows that follow each other, up to the
    /// first one with an error or an open gap.
    private static async Task<(DateTime? From, DateTime? Until)> VerifiedAsync(HistoryDbContext db, CancellationToken cancellationToken)
    {
        var first = await db.ReconciledWindows.AsNoTracking().OrderBy(w => w.From).Select(w => (DateTime?)w.From).FirstOrDefaultAsync(cancellationToken);
        if (first is null)
            return (null, null);
        var open = db.KnownGaps.Where(g => g.RecoveredAt == null);
        // The earliest window that breaks the run: an error, an open gap, or a hole before it.
        var broken = await db.ReconciledWindows.AsNoTracking()
            .Where(w => w.Error != null || open.Any(g => g.WindowId == w.Id)
                || (w.From != first && !db.ReconciledWindows.Any(p => p.To == w.From)))
            .OrderBy(w => w.From).Select(w => (DateTime?)w.From).FirstOrDefaultAsync(cancellationToken);
        if (broken is { } stop)
            return (first, stop);
        var last = await db.ReconciledWindows.MaxAsync(w => (DateTime?)w.To, cancellationToken);
        return (first, last);
    }
}
