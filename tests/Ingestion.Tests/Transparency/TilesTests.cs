using HistoryGraph.Ingestion.Transparency;

namespace HistoryGraph.Ingestion.Tests.Transparency;

/// Tiles keep the hashes of every eighth level; every perfect subtree's hash made from them is
/// the one appending computed, and proofs read from tiles verify against RFC 6962's roots.
public sealed class TilesTests
{
    [Fact]
    public void every_subtree_is_made_from_the_tiles_and_proofs_from_them_verify()
    {
        const int count = 70_000; // past 256 * 256: a tile of level 2 begins
        var leaves = Enumerable.Range(0, count).Select(i => BitConverter.GetBytes(i)).ToList();
        var tiles = new Dictionary<(int, long), List<byte[]>>();
        var computed = new Dictionary<(int, long), byte[]>();
        var tree = new CompactRange();
        foreach (var leaf in leaves)
        {
            tree.Append(MerkleHashes.Leaf(leaf), (level, index, hash) =>
            {
                computed[(level, index)] = hash;
                if (!Tiles.IsKept(level))
                    return;
                var (tileLevel, tileIndex, position) = Tiles.Locate(level, index);
                var tile = tiles.TryGetValue((tileLevel, tileIndex), out var kept) ? kept : tiles[(tileLevel, tileIndex)] = [];
                Assert.Equal(tile.Count, position); // hashes arrive in order, each tile filled left to right
                tile.Add(hash);
            });
        }
        Assert.True(tiles.ContainsKey((2, 0)));
        Assert.All(tiles.Where(t => t.Key != (0, count / Tiles.Width) && t.Key != (1, count / Tiles.Width / Tiles.Width) && t.Key.Item1 < 2), t => Assert.Equal(Tiles.Width, t.Value.Count));
        // Kept: every eighth level, about n * (1 + 1/256 + ...) hashes, not the 2n of every node.
        Assert.Equal(count + count / 256 + count / 65536, tiles.Values.Sum(t => t.Count));

        IReadOnlyList<byte[]> Tile(int level, long index) => tiles[(level, index)];
        foreach (var ((level, index), hash) in computed.Where(c => c.Key.Item1 <= 17 && (c.Key.Item2 % 97 == 0 || c.Key.Item1 > 12)))
            Assert.Equal(hash, Tiles.SubtreeHash(level, index, Tile));

        var root = tree.Root();
        foreach (var m in new long[] { 0, 255, 256, 4_097, 65_535, 65_536, count - 1 })
        {
            var proof = MerkleProofs.InclusionRanges(m, count).Select(r => MerkleProofs.RangeHash(r.Start, r.End, (l, i) => Tiles.SubtreeHash(l, i, Tile))).ToList();
            Assert.True(MerkleProofs.VerifyInclusion(m, count, MerkleHashes.Leaf(leaves[(int)m]), proof, root));
        }
        var earlier = Rfc6962.Mth(leaves.Take(1000).ToList());
        var consistency = MerkleProofs.ConsistencyRanges(1000, count).Select(r => MerkleProofs.RangeHash(r.Start, r.End, (l, i) => Tiles.SubtreeHash(l, i, Tile))).ToList();
        Assert.True(MerkleProofs.VerifyConsistency(1000, count, earlier, root, consistency));
    }
}
