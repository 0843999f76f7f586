using System.Security.Cryptography;
using HistoryGraph.Ingestion.OpenMetadata;
using HistoryGraph.Ingestion.OpenMetadataApi;
using HistoryGraph.Ingestion.Payloads;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Ingestion.Telemetry;
using HistoryGraph.Ingestion.Writing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HistoryGraph.Backfill;

/// Reads OpenMetadata's own event log (`GET /v1/events`) over a window and stores what the
/// history is missing through the webhook's writer: every event is keyed as a webhook's would
/// be, so what is already stored is counted and left alone, and what was missing is stored
/// with origin BACKFILL. Then repairs version gaps (VersionRepair).
///
/// OpenMetadata's newer releases page the log (`endTs`, `limit`, a `paging.after` cursor);
/// older ones answer every event from a timestamp on and ignore the rest. So the next request
/// continues from the page's cursor when there is one (a cursor seen before ends the reading),
/// else from the latest timestamp the page held (inclusive: events of the same millisecond come
/// again and are recognised), always later than the request before; the reading ends when a
/// page brings nothing new, holds no readable event and no cursor, or passes `until`. Events
/// after `until` that a page holds are counted, not stored.
public sealed class EventBackfill(
    OpenMetadataClient openMetadata,
    HistoryWriter writer,
    VersionRepair versions,
    IDbContextFactory<HistoryDbContext> contexts,
    PayloadCodec codec,
    TimeProvider clock,
    IOptions<BackfillOptions> options,
    HistoryMetrics metrics,
    ILogger<EventBackfill> logger)
{
    public async Task<BackfillReport> RunAsync(DateTime since, DateTime? until, CancellationToken cancellationToken)
    {
        if (until is { } end && end < since)
            throw new ArgumentException($"`until` ({end:O}) is before `since` ({since:O}).");
        var started = clock.GetUtcNow().UtcDateTime;
        EventLogReading log;
        VersionRepairReport repair;
        try
        {
            log = await ReadLogAsync(since, until, cancellationToken);
            repair = await versions.RepairAsync(cancellationToken);
        }
        catch
        {
            metrics.BackfillRuns.Add(1, HistoryMetrics.Tag("outcome", "failed"));
            throw;
        }
        metrics.BackfillRuns.Add(1, HistoryMetrics.Tag("outcome", "completed"));
        var report = new BackfillReport(since, until, started, clock.GetUtcNow().UtcDateTime, log.Pages, log.Read, log.Stored, log.AlreadyPresent, log.Rejected, log.OutsideWindow, repair);
        logger.LogInformation("Backfill from {Since:O} to {Until}: {Pages} page(s), {Read} event(s) read, {Stored} stored, {Present} already present, {Rejected} rejected; " +
            "{Gaps} version gap(s), {Versions} version(s) stored, {Left} gap(s) left",
            since, until?.ToString("O") ?? "now", log.Pages, log.Read, log.Stored, log.AlreadyPresent, log.Rejected, repair.GapsFound, repair.VersionsStored, repair.StillMissing.Count);
        return report;
    }

    /// Reads the log over the window and stores what the history lacks; no version repair.
    public async Task<EventLogReading> ReadLogAsync(DateTime since, DateTime? until, CancellationToken cancellationToken)
    {
        var entities = new HashSet<Guid>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var seenRejected = new HashSet<string>(StringComparer.Ordinal);
        int pages = 0, read = 0, stored = 0, present = 0, rejected = 0, outside = 0;
        var timestamp = OpenMetadataClient.EpochMilliseconds(since);
        string? after = null;
        var cursors = new HashSet<string>(StringComparer.Ordinal);
        long? endTimestamp = until is { } endAt ? OpenMetadataClient.EpochMilliseconds(endAt) : null;
        while (pages < options.Value.MaxPages)
        {
            var page = await openMetadata.GetEventsAsync(timestamp, endTimestamp, after, cancellationToken);
            pages++;
            var parsed = DeliveryParser.Parse(page.Body, codec);
            var fresh = parsed.Events.Where(e => seen.Add(e.EventKey)).ToList();
            var inWindow = fresh.Where(e => e.Timestamp >= since && (until is null || e.Timestamp <= until)).ToList();
            var unreadable = await NewRejectedAsync(parsed.Rejected, seenRejected, cancellationToken);
            outside += fresh.Count - inWindow.Count;
            read += inWindow.Count;
            entities.UnionWith(inWindow.Select(e => e.EntityId));
            if (inWindow.Count > 0 || unreadable.Count > 0)
            {
                var outcome = await writer.WriteAsync(new IncomingDelivery(clock.GetUtcNow().UtcDateTime, page.Body, inWindow, unreadable, Origin: EventOrigin.Backfill), cancellationToken);
                stored += outcome.Stored;
                present += outcome.Duplicates;
                rejected += outcome.RejectedIds.Count;
            }

            if (fresh.Count == 0 && unreadable.Count == 0)
                break; // nothing new: the log is read to its end
            if (page.After is { } cursor)
            {
                if (!cursors.Add(cursor))
                    break; // a cursor that leads back: the paging does not advance
                after = cursor;
                continue;
            }
            if (parsed.Events.Count == 0)
                break; // nothing readable to continue from: what the page held is kept, the reading ends
            var (earliest, latest) = (parsed.Events.Min(e => OpenMetadataClient.EpochMilliseconds(e.Timestamp)), parsed.Events.Max(e => OpenMetadataClient.EpochMilliseconds(e.Timestamp)));
            if (until is { } last && latest > OpenMetadataClient.EpochMilliseconds(last))
                break;
            // From the page's latest instant, which it may not have held all of; a page all of
            // one instant would come back the same, so the next starts after it (more events of
            // one millisecond than a page holds cannot be told apart by time). Never earlier
            // than this request: a page of older events does not send the reading back.
            var next = earliest == latest ? latest + 1 : latest;
            (timestamp, after) = (Math.Max(next, timestamp + 1), null);
        }

        return new EventLogReading(pages, read, stored, present, rejected, outside, entities);
    }

    /// Unreadable items not seen earlier in this run nor kept already by an earlier run, so
    /// that reading the same log twice does not keep the same bytes twice.
    private async Task<List<RejectedPart>> NewRejectedAsync(IReadOnlyList<RejectedPart> parts, HashSet<string> seen, CancellationToken cancellationToken)
    {
        var fresh = parts.Where(p => seen.Add(Convert.ToHexString(SHA256.HashData(p.Body)))).ToList();
        if (fresh.Count == 0)
            return fresh;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var result = new List<RejectedPart>(fresh.Count);
        foreach (var part in fresh)
        {
            var body = part.Body;
            if (!await db.RejectedDeliveries.AnyAsync(r => r.Body == body, cancellationToken))
                result.Add(part);
        }
        return result;
    }
}
