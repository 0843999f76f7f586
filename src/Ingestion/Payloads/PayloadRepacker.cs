using HistoryGraph.Ingestion.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace HistoryGraph.Ingestion.Payloads;

/// Rewrites stored payloads packed before the store had its dictionary (or with an older one)
/// with the dictionary in use: a store upgraded from Brotli-only releases gets the same size
/// per event as a new one. Walks the events by sequence in small batches, one short
/// transaction each, so that the writer is never held up; each new payload is checked to
/// unpack to exactly the old one's JSON before it replaces it.
public sealed class PayloadRepacker(IDbContextFactory<HistoryDbContext> contexts, PayloadCodec codec, ILogger<PayloadRepacker> logger)
{
    private const int BatchSize = 500;

    /// Repacks with the codec's current dictionary (the caller makes sure there is one). What
    /// counts as already done is what that same dictionary packed, so a dictionary taken up
    /// meanwhile is simply used for the rest.
    public async Task<RepackReport> RepackAsync(CancellationToken cancellationToken)
    {
        long last = 0, read = 0, repacked = 0, alreadyCurrent = 0, before = 0, after = 0;
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var batch = await db.ChangeEvents.AsNoTracking()
                .Where(e => e.Sequence > last).OrderBy(e => e.Sequence).Take(BatchSize)
                .Select(e => new { e.Sequence, e.Payload }).ToListAsync(cancellationToken);
            if (batch.Count == 0)
                break;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var row in batch)
            {
                read++;
                var current = codec.Current ?? throw new InvalidOperationException("There is no payload dictionary to repack with.");
                if (PayloadCodec.DictionaryKeyOf(row.Payload) == current.Key)
                {
                    alreadyCurrent++;
                    continue;
                }
                var json = codec.Unpack(row.Payload);
                var packed = codec.Pack(json);
                if (!codec.Unpack(packed).AsSpan().SequenceEqual(json))
                    throw new InvalidDataException($"Repacking event {row.Sequence} would change its payload; nothing of it was written.");
                await db.ChangeEvents.Where(e => e.Sequence == row.Sequence)
                    .ExecuteUpdateAsync(set => set.SetProperty(e => e.Payload, packed), cancellationToken);
                (repacked, before, after) = (repacked + 1, before + row.Payload.Length, after + packed.Length);
            }
            await transaction.CommitAsync(cancellationToken);
            last = batch[^1].Sequence;
            if (read % 50_000 < BatchSize)
                logger.LogInformation("Repacked payloads up to sequence {Sequence}: {Repacked} rewritten so far", last, repacked);
        }
        return new RepackReport(read, repacked, alreadyCurrent, before, after);
    }
}
