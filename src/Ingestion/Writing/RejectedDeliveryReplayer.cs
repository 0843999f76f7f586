using HistoryGraph.Ingestion.OpenMetadata;
using HistoryGraph.Ingestion.Payloads;
using HistoryGraph.Ingestion.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace HistoryGraph.Ingestion.Writing;

/// Re-processes rejected deliveries with today's parser (after an upgrade that understands
/// more). A delivery that now parses is written like a new one, so duplicates stay harmless;
/// one that still does not is left pending with its reason updated.
public sealed class RejectedDeliveryReplayer(IDbContextFactory<HistoryDbContext> contexts, HistoryWriter writer, PayloadCodec codec, ILogger<RejectedDeliveryReplayer> logger)
{
    public async Task<ReplayReport> ReplayAsync(CancellationToken cancellationToken)
    {
        List<long> ids;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            ids = await db.RejectedDeliveries.Where(r => r.ReplayedAt == null).OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(cancellationToken);

        int replayed = 0, still = 0, stored = 0, duplicates = 0;
        foreach (var id in ids)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var row = await db.RejectedDeliveries.SingleAsync(r => r.Id == id, cancellationToken);
            var parsed = DeliveryParser.Parse(row.Body, codec);
            if (parsed.Rejected.Count > 0)
            {
                row.ReplayAttempts++;
                row.Reason = string.Join(" ", parsed.Rejected.Select(r => r.Reason));
                await db.SaveChangesAsync(cancellationToken);
                still++;
                logger.LogInformation("Rejected delivery {Id} still cannot be read: {Reason}", id, row.Reason);
                continue;
            }
            DeliveryOutcome outcome;
            try
            {
                outcome = await writer.WriteAsync(IncomingDelivery.From(parsed, row.Body, row.ReceivedAt, replayOf: id), cancellationToken);
            }
            catch (Exception ex) when (ex is not StoreUnavailableException and not OperationCanceledException)
            {
                row.ReplayAttempts++;
                row.Reason = ex.Message;
                await db.SaveChangesAsync(cancellationToken);
                still++;
                logger.LogWarning("Rejected delivery {Id} still cannot be stored: {Reason}", id, ex.Message);
                continue;
            }
            replayed++;
            stored += outcome.Stored;
            duplicates += outcome.Duplicates;
            logger.LogInformation("Rejected delivery {Id} replayed: {Stored} event(s) stored, {Duplicates} duplicate(s)", id, outcome.Stored, outcome.Duplicates);
        }
        return new ReplayReport(replayed, still, stored, duplicates);
    }
}
