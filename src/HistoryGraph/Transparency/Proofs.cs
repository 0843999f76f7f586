using HistoryGraph.Ingestion.Payloads;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Ingestion.Transparency;
using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.Transparency;

/// Inclusion and consistency proofs from the stored tree. A tree size defaults to the newest
/// checkpoint's, so that a proof comes with a signed root; sizes beyond the committed tree are
/// refused (ProofArgumentException).
public sealed class Proofs(IDbContextFactory<HistoryDbContext> contexts, PayloadCodec codec)
{
    public async Task<EventProof> EventAsync(long sequence, long? treeSize, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tree = new StoredTree(db);
        var size = await SizeAsync(db, tree, treeSize, cancellationToken);
        if (sequence < 1 || sequence > size)
            throw new ProofArgumentException($"Event {sequence} is not in a tree of {size} events: give a sequence from 1 to {size}" +
                (treeSize is null ? " (the newest checkpoint's size; a larger `treeSize` up to the tree's own may be asked)." : "."));
        var leaf = await tree.LeafHashAsync(sequence - 1, cancellationToken);
        var row = await db.ChangeEvents.AsNoTracking().SingleOrDefaultAsync(e => e.Sequence == sequence, cancellationToken);
        byte[]? data = null;
        if (row is not null)
        {
            var changes = await db.FieldChanges.AsNoTracking().Where(f => f.EventSequence == sequence).ToListAsync(cancellationToken);
            data = EventLeaf.DataOf(row, codec.Unpack(row.Payload), changes);
        }
        var hashes = await tree.InclusionProofAsync(sequence - 1, size, cancellationToken);
        var root = await tree.RootAsync(size, cancellationToken);
        return new EventProof(sequence, size, leaf, data, row is null, hashes, root, await CheckpointOfAsync(db, size, cancellationToken));
    }

    public async Task<ConsistencyProof> ConsistencyAsync(long fromSize, long? toSize, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tree = new StoredTree(db);
        var to = await SizeAsync(db, tree, toSize, cancellationToken);
        if (fromSize < 1 || fromSize > to)
            throw new ProofArgumentException($"`fromSize` must be from 1 to {to}.");
        var hashes = await tree.ConsistencyProofAsync(fromSize, to, cancellationToken);
        return new ConsistencyProof(fromSize, to, await tree.RootAsync(fromSize, cancellationToken), await tree.RootAsync(to, cancellationToken), hashes,
            await CheckpointOfAsync(db, fromSize, cancellationToken), await CheckpointOfAsync(db, to, cancellationToken));
    }

    private static async Task<long> SizeAsync(HistoryDbContext db, StoredTree tree, long? asked, CancellationToken cancellationToken)
    {
        var (committed, _) = await tree.HeadAsync(cancellationToken);
        if (asked is { } size)
        {
            if (size < 1 || size > committed)
                throw new ProofArgumentException($"The tree holds {committed} events: a tree size from 1 to {committed} can be proved.");
            return size;
        }
        var newest = await db.LogCheckpoints.AsNoTracking().MaxAsync(c => (long?)c.TreeSize, cancellationToken);
        return newest is { } checkpointed && checkpointed <= committed ? checkpointed
            : committed > 0 ? committed : throw new ProofArgumentException("The log is empty: no event is stored yet.");
    }

    private static Task<LogCheckpoint?> CheckpointOfAsync(HistoryDbContext db, long size, CancellationToken cancellationToken) =>
        db.LogCheckpoints.AsNoTracking().Where(c => c.TreeSize == size).OrderByDescending(c => c.Id).FirstOrDefaultAsync(cancellationToken);
}
