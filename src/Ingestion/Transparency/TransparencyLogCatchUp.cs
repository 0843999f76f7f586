using System.Security.Cryptography;
using HistoryGraph.Ingestion.Payloads;
using HistoryGraph.Ingestion.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace HistoryGraph.Ingestion.Transparency;

/// Brings a store made before the transparency log under it: hashes every event it holds, in
/// sequence order, into the tree, a batch per transaction under the writers' lock (so that the
/// writer, which stores nothing while the tree is behind, waits a batch at most). A sequence
/// whose event an earlier purge removed gets EventLeaf.Redacted. Runs at start-up, after the
/// schema migrations, and resumes where it stopped.
public sealed class TransparencyLogCatchUp(PayloadCodec codec, ILogger<TransparencyLogCatchUp> logger) : IDataMigration
{
    public const int BatchSize = 2000;

    public async Task RunAsync(HistoryDbContext db, CancellationToken cancellationToken)
    {
        var started = false;
        while (true)
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var counter = await db.LockSequenceAsync(cancellationToken);
            if (counter.TreeSize >= counter.Value)
            {
                if (started)
                    logger.LogInformation("The transparency log now covers all {Events} stored events", counter.Value);
                return;
            }
            if (!started)
                logger.LogInformation("Bringing the store's events {From} to {To} under the transparency log", counter.TreeSize + 1, counter.Value);
            started = true;

            var log = new LogAppend(counter.TreeSize, counter.TreeEdge, await db.PartialTilesAsync(cancellationToken));
            var from = counter.TreeSize + 1;
            var to = Math.Min(counter.Value, counter.TreeSize + BatchSize);
            var events = await db.ChangeEvents.AsNoTracking().Where(e => e.Sequence >= from && e.Sequence <= to).ToDictionaryAsync(e => e.Sequence, cancellationToken);
            var changes = (await db.FieldChanges.AsNoTracking().Where(f => f.EventSequence >= from && f.EventSequence <= to).ToListAsync(cancellationToken))
                .ToLookup(f => f.EventSequence);
            for (var sequence = from; sequence <= to; sequence++)
            {
                log.Append(events.TryGetValue(sequence, out var row)
                    ? EventLeaf.Hash(row, SHA256.HashData(codec.Unpack(row.Payload)), changes[sequence])
                    : EventLeaf.Redacted(sequence));
            }
            await db.SaveTilesAsync(log.Filled(), log.Rows(), cancellationToken);
            await db.SequenceCounter.Where(c => c.Id == SequenceCounter.SingletonId)
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.TreeSize, log.Size).SetProperty(c => c.TreeEdge, log.Edge), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }
}
