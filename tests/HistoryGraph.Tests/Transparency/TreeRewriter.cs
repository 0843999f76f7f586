using System.Security.Cryptography;
using HistoryGraph.Ingestion.Payloads;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Ingestion.Transparency;
using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.Tests.Transparency;

/// What an attacker with the store and the code would do after editing rows: recompute every
/// leaf from the rows as they now are and rebuild the tree's tiles and edge to match, so that
/// the store agrees with itself. Only a checkpoint signed before the rewrite can tell.
public static class TreeRewriter
{
    public static async Task RebuildAsync(IDbContextFactory<HistoryDbContext> contexts, PayloadCodec codec)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var events = await db.ChangeEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
        var changes = (await db.FieldChanges.AsNoTracking().ToListAsync()).ToLookup(f => f.EventSequence);
        var size = events.Count == 0 ? 0 : events[^1].Sequence;
        var byId = events.ToDictionary(e => e.Sequence);
        var log = new LogAppend(0, [], []);
        for (var sequence = 1L; sequence <= size; sequence++)
            log.Append(byId.TryGetValue(sequence, out var row) ? EventLeaf.Hash(row, SHA256.HashData(codec.Unpack(row.Payload)), changes[sequence]) : EventLeaf.Redacted(sequence));
        await db.LogTiles.ExecuteDeleteAsync();
        db.LogTiles.AddRange(log.Rows());
        await db.SaveChangesAsync();
        await db.SequenceCounter.ExecuteUpdateAsync(s => s.SetProperty(c => c.Value, size).SetProperty(c => c.TreeSize, size).SetProperty(c => c.TreeEdge, log.Edge));
    }
}
