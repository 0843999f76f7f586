using HistoryGraph.Ingestion.Storage;
using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.Ingestion.Transparency;

/// The transparency log's tree as the store holds it: its committed size and right edge, and
/// any hash a proof needs, read from tiles (each tile once per instance). Perfect subtrees never
/// change once complete, so a tree that has grown answers for every earlier size too.
public sealed class StoredTree(HistoryDbContext db)
{
    private readonly Dictionary<(int Level, long Index), IReadOnlyList<byte[]>> _tiles = [];

    /// The committed tree: its size and root.
    public async Task<(long Size, byte[] Root)> HeadAsync(CancellationToken cancellationToken)
    {
        var counter = await db.SequenceCounter.AsNoTracking().SingleAsync(c => c.Id == SequenceCounter.SingletonId, cancellationToken);
        return (counter.TreeSize, CompactRange.Of(counter.TreeSize, LogAppend.Split(counter.TreeEdge)).Root());
    }

    /// The hash of leaf `index` (the event at sequence index + 1).
    public Task<byte[]> LeafHashAsync(long index, CancellationToken cancellationToken) => SubtreeHashAsync(0, index, cancellationToken);

    /// The hash of the perfect subtree of 2^level leaves at `index` among those of its level.
    public async Task<byte[]> SubtreeHashAsync(int level, long index, CancellationToken cancellationToken)
    {
        var below = level % Tiles.Height;
        var (tileLevel, tileIndex, position) = Tiles.Locate(level - below, index << below);
        var tile = await TileAsync(tileLevel, tileIndex, position + (1 << below), cancellationToken);
        return Tiles.SubtreeHash(level, index, (_, _) => tile);
    }

    /// MTH over leaves [start, end).
    public async Task<byte[]> RangeHashAsync(long start, long end, CancellationToken cancellationToken)
    {
        if (end == start)
            return MerkleHashes.Empty;
        var hashes = new Dictionary<(int, long), byte[]>();
        foreach (var (level, index) in MerkleProofs.SubtreesOf(start, end))
            hashes[(level, index)] = await SubtreeHashAsync(level, index, cancellationToken);
        return MerkleProofs.RangeHash(start, end, (level, index) => hashes[(level, index)]);
    }

    /// The root of the tree when it had `size` leaves.
    public Task<byte[]> RootAsync(long size, CancellationToken cancellationToken) => RangeHashAsync(0, size, cancellationToken);

    /// RFC 6962's inclusion proof of leaf `index` in the tree of `size` leaves.
    public async Task<List<byte[]>> InclusionProofAsync(long index, long size, CancellationToken cancellationToken)
    {
        var proof = new List<byte[]>();
        foreach (var (start, end) in MerkleProofs.InclusionRanges(index, size))
            proof.Add(await RangeHashAsync(start, end, cancellationToken));
        return proof;
    }

    /// RFC 6962's consistency proof from the tree of `from` leaves to that of `to`.
    public async Task<List<byte[]>> ConsistencyProofAsync(long from, long to, CancellationToken cancellationToken)
    {
        var proof = new List<byte[]>();
        foreach (var (start, end) in MerkleProofs.ConsistencyRanges(from, to))
            proof.Add(await RangeHashAsync(start, end, cancellationToken));
        return proof;
    }

    /// A tile's hashes as stored, its rows joined in order (empty when it is not stored, or its
    /// rows do not follow on from each other).
    public async Task<byte[]> TileBytesAsync(int level, long index, CancellationToken cancellationToken)
    {
        var rows = await db.LogTiles.AsNoTracking().Where(t => t.Level == level && t.Index == index).ToListAsync(cancellationToken);
        var joined = LogAppend.Join(rows, out var contiguous);
        return contiguous ? joined : [];
    }

    /// A tile's hashes, at least `needed` of them when the tree has them. Read once per
    /// instance: hashes never change once written, so a tile still filling is read again only
    /// when a proof asks past what was read (a bundle asks for the same right edge per event).
    private async Task<IReadOnlyList<byte[]>> TileAsync(int level, long index, int needed, CancellationToken cancellationToken)
    {
        if (_tiles.TryGetValue((level, index), out var cached) && cached.Count >= needed)
            return cached;
        var hashes = LogAppend.Split(await TileBytesAsync(level, index, cancellationToken));
        _tiles[(level, index)] = hashes;
        return hashes;
    }
}
