using HistoryGraph.Ingestion.Storage;
using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.Live;

/// What one subscription field streams: Select picks the row an event gives the subscriber
/// (null when the event does not match its arguments), evaluated in memory on the live path;
/// Replay is the same condition in SQL, for reading stored events after a sequence.
public sealed record LiveTopic(Func<LiveEvent, object?> Select, Func<HistoryDbContext, IQueryable<ChangeEvent>> Replay)
{
    private const int StorePageSize = 256;
    private const long StoreRangeSize = 50_000;

    /// Reads the stored events after `position` (up to `head`) that may match, a page at a time,
    /// with their related rows; returns the position the read reached, which is past events
    /// that did not match. For readers that are behind the feed's window.
    public async Task<long> ReadStoredAsync(IDbContextFactory<HistoryDbContext> contexts, long position, long head, List<LiveEvent> into, CancellationToken cancellationToken)
    {
        var upTo = Math.Min(head, position + StoreRangeSize);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = Replay(db).Where(e => e.Sequence > position && e.Sequence <= upTo).OrderBy(e => e.Sequence).Take(StorePageSize);
        var events = await LiveEventReader.ReadAsync(db, query, cancellationToken);
        into.AddRange(events);
        return events.Count == StorePageSize ? events[^1].Sequence : upTo;
    }
}
