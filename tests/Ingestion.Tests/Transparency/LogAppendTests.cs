using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Ingestion.Transparency;

namespace HistoryGraph.Ingestion.Tests.Transparency;

/// Appends in groups of every size, each group starting from what the store holds (the edge and
/// the rows of the tiles still filling) as the writer does, leave the same tiles and root as one
/// tree built at once: a row per group while a tile fills, one full row once it is full.
public sealed class LogAppendTests
{
    [Fact]
    public void groups_of_any_size_leave_the_tiles_and_root_of_the_whole_tree()
    {
        var leaves = Enumerable.Range(0, 66_000).Select(i => MerkleHashes.Leaf(BitConverter.GetBytes(i))).ToList();
        var store = new List<LogTile>();
        var (size, edge) = (0L, Array.Empty<byte>());
        var groups = new[] { 1, 3, 255, 1, 300, 512, 7 };
        for (var g = 0; size < leaves.Count; g++)
        {
            var partial = LogAppend.PartialTiles(size).ToHashSet();
            var append = new LogAppend(size, edge, store.Where(t => partial.Contains((t.Level, t.Index))).ToList());
            foreach (var leaf in leaves.Skip((int)size).Take(groups[g % groups.Length]))
                append.Append(leaf);
            foreach (var (level, index) in append.Filled())
                store.RemoveAll(t => t.Level == level && t.Index == index);
            store.AddRange(append.Rows());
            (size, edge) = (append.Size, append.Edge);
        }

        var whole = new CompactRange();
        var expected = new Dictionary<(short, long), List<byte[]>>();
        foreach (var leaf in leaves)
        {
            whole.Append(leaf, (level, index, hash) =>
            {
                if (!Tiles.IsKept(level))
                    return;
                var (tileLevel, tileIndex, _) = Tiles.Locate(level, index);
                (expected.TryGetValue(((short)tileLevel, tileIndex), out var tile) ? tile : expected[((short)tileLevel, tileIndex)] = []).Add(hash);
            });
        }
        Assert.Equal(whole.Root(), CompactRange.Of(size, LogAppend.Split(edge)).Root());
        Assert.Equal(expected.Keys.Order(), store.Select(t => (t.Level, t.Index)).Distinct().Order());
        foreach (var ((level, index), hashes) in expected)
        {
            var rows = store.Where(t => t.Level == level && t.Index == index).ToList();
            Assert.Equal(LogAppend.Join(hashes), LogAppend.Join(rows, out var contiguous));
            Assert.True(contiguous);
            // A full tile is one row; only the tiles still filling are in pieces.
            if (hashes.Count == Tiles.Width)
                Assert.Equal(0, Assert.Single(rows).Offset);
        }
        Assert.Contains(store, t => t.Level == 0 && t.Offset > 0);
    }

    [Fact]
    public void rows_that_are_not_the_edge_of_the_stored_tree_are_refused()
    {
        var first = new LogAppend(0, [], []);
        foreach (var i in Enumerable.Range(0, 10))
            first.Append(MerkleHashes.Leaf([(byte)i]));
        var rows = first.Rows();
        Assert.Throws<InvalidOperationException>(() => new LogAppend(9, first.Edge, rows));
        Assert.Throws<ArgumentException>(() => new LogAppend(11, first.Edge, rows));
        Assert.Throws<InvalidOperationException>(() => new LogAppend(10, first.Edge, [rows[0], new LogTile { Level = 0, Index = 0, Offset = 20, Hashes = new byte[32] }]));
    }
}
