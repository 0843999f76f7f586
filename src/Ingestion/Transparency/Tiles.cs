namespace HistoryGraph.Ingestion.Transparency;

/// Where the tree's hashes are kept, as C2SP tlog-tiles lays them out: tiles of height 8, so a
/// tile at tile level T holds up to 256 consecutive hashes of tree level 8T (leaf hashes at T =
/// 0). Only those levels are kept; the hash of any other perfect subtree is made from at most 128
/// consecutive hashes of one tile, so a proof is a few tile reads.
public static class Tiles
{
    public const int Height = 8;
    public const int Width = 1 << Height;

    /// Whether the hashes of perfect subtrees of this level are kept in tiles.
    public static bool IsKept(int level) => level % Height == 0;

    /// The tile (its level and index) and the position in it of a kept hash.
    public static (int TileLevel, long TileIndex, int Position) Locate(int level, long index)
    {
        if (!IsKept(level))
            throw new ArgumentOutOfRangeException(nameof(level), level, $"Only levels that are multiples of {Height} are kept.");
        return (level / Height, index >> Height, (int)(index & (Width - 1)));
    }

    /// The hash of the perfect subtree at (level, index), from the tile that holds its leaves'
    /// ancestors at the kept level below it; `tile` answers a tile's hashes (at least up to the
    /// ones asked for).
    public static byte[] SubtreeHash(int level, long index, Func<int, long, IReadOnlyList<byte[]>> tile)
    {
        var below = level % Height;
        var first = index << below;
        var (tileLevel, tileIndex, position) = Locate(level - below, first);
        var hashes = tile(tileLevel, tileIndex);
        if (hashes.Count < position + (1 << below))
            throw new InvalidOperationException($"Tile {tileLevel}/{tileIndex} holds {hashes.Count} hashes; subtree {level}/{index} needs up to position {position + (1 << below)}.");
        var layer = hashes.Skip(position).Take(1 << below).ToList();
        while (layer.Count > 1)
            layer = Enumerable.Range(0, layer.Count / 2).Select(i => MerkleHashes.Node(layer[2 * i], layer[2 * i + 1])).ToList();
        return layer[0];
    }
}
