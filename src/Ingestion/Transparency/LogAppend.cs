using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Ingestion.Transparency;

/// Leaves appended to the stored tree inside the writer's transaction: from the tree's right edge
/// as stored (its size, the compact range of its subtree roots, and the rows of the tiles still
/// filling), the new edge and the tile rows to write with the event rows. Each append adds one
/// row per tile it touched, holding only the hashes it added (LogTile), so that a commit never
/// rewrites an earlier one's; a tile it fills is written whole, replacing its earlier rows.
public sealed class LogAppend
{
    /// Tile levels that can hold a partial tile: level T covers subtrees of 2^(8T) leaves, and a
    /// tree is taken to hold fewer than 2^56 leaves.
    public const int TileLevels = 7;

    private readonly CompactRange _range;
    // Per tile touched: the hashes it held before (from its rows) and those this append added.
    private readonly Dictionary<(short Level, long Index), byte[]> _held = [];
    private readonly Dictionary<(short Level, long Index), MemoryStream> _added = [];

    public LogAppend(long size, byte[] edge, IEnumerable<LogTile> rightEdge)
    {
        _range = CompactRange.Of(size, Split(edge));
        foreach (var tile in rightEdge.GroupBy(t => (t.Level, t.Index)))
        {
            var (expectedIndex, filled) = PartialTile(size, tile.Key.Level);
            var held = Join(tile.OrderBy(t => t.Offset).ToList(), out var contiguous);
            if (tile.Key.Index != expectedIndex || !contiguous || held.Length != filled * MerkleHashes.Length)
                throw new InvalidOperationException(
                    $"Tile {tile.Key.Level}/{tile.Key.Index} holds {held.Length / MerkleHashes.Length} hashes in order: {contiguous}; a tree of {size} leaves has {filled} in tile {tile.Key.Level}/{expectedIndex}.");
            _held[tile.Key] = held;
        }
    }

    public long Size => _range.Size;

    public byte[] Root() => _range.Root();

    /// The compact range as stored: its hashes, largest subtree first, concatenated.
    public byte[] Edge => Join(_range.Hashes);

    public void Append(byte[] leafHash) => _range.Append(leafHash, Keep);

    /// Tiles this append filled that already had rows: those rows are removed before Rows are written.
    public IReadOnlyList<(short Level, long Index)> Filled() =>
        _added.Keys.Where(key => _held.ContainsKey(key) && Count(key) == Tiles.Width).ToList();

    /// The tile rows to add: a full tile whole, at offset 0; else what this append added, at the
    /// position it starts from.
    public IReadOnlyList<LogTile> Rows() => _added.Select(tile =>
    {
        var held = _held.GetValueOrDefault(tile.Key) ?? [];
        var full = Count(tile.Key) == Tiles.Width;
        return new LogTile
        {
            Level = tile.Key.Level,
            Index = tile.Key.Index,
            Offset = full ? (short)0 : (short)(held.Length / MerkleHashes.Length),
            Hashes = full ? [.. held, .. tile.Value.ToArray()] : tile.Value.ToArray(),
        };
    }).ToList();

    private long Count((short, long) key) =>
        ((_held.GetValueOrDefault(key)?.Length ?? 0) + (_added.GetValueOrDefault(key)?.Length ?? 0)) / MerkleHashes.Length;

    private void Keep(int level, long index, byte[] hash)
    {
        if (!Tiles.IsKept(level))
            return;
        var (tileLevel, tileIndex, position) = Tiles.Locate(level, index);
        var key = ((short)tileLevel, tileIndex);
        if (Count(key) != position)
            throw new InvalidOperationException($"Tile {tileLevel}/{tileIndex} holds {Count(key)} hashes; hash {position} cannot be added.");
        if (!_added.TryGetValue(key, out var stream))
            _added[key] = stream = new MemoryStream();
        stream.Write(hash);
    }

    /// The tile of a tile level that a tree of `size` leaves is filling, and how many hashes it holds.
    public static (long Index, long Filled) PartialTile(long size, int tileLevel)
    {
        var kept = size >> (tileLevel * Tiles.Height);
        return (kept >> Tiles.Height, kept & (Tiles.Width - 1));
    }

    /// The tiles a tree of `size` leaves is filling (those with some hashes, not all): the rows
    /// to read before appending (HistoryDbContext.PartialTilesSql finds the same in SQL).
    public static IEnumerable<(short Level, long Index)> PartialTiles(long size)
    {
        for (var level = 0; level < TileLevels; level++)
        {
            var (index, filled) = PartialTile(size, level);
            if (filled > 0)
                yield return ((short)level, index);
        }
    }

    /// A tile's hashes from its rows in order of offset; `contiguous` says whether each row
    /// starts where the one before it ended, from 0.
    public static byte[] Join(IReadOnlyList<LogTile> rows, out bool contiguous)
    {
        contiguous = true;
        var joined = new MemoryStream();
        foreach (var row in rows.OrderBy(r => r.Offset))
        {
            contiguous &= row.Offset * MerkleHashes.Length == joined.Length && row.Hashes.Length % MerkleHashes.Length == 0;
            joined.Write(row.Hashes);
        }
        return joined.ToArray();
    }

    public static byte[] Join(IReadOnlyList<byte[]> hashes)
    {
        var joined = new byte[hashes.Count * MerkleHashes.Length];
        for (var i = 0; i < hashes.Count; i++)
            hashes[i].CopyTo(joined, i * MerkleHashes.Length);
        return joined;
    }

    public static IReadOnlyList<byte[]> Split(byte[] joined)
    {
        if (joined.Length % MerkleHashes.Length != 0)
            throw new InvalidOperationException($"{joined.Length} bytes are not a list of {MerkleHashes.Length}-byte hashes.");
        return Enumerable.Range(0, joined.Length / MerkleHashes.Length).Select(i => joined.AsSpan(i * MerkleHashes.Length, MerkleHashes.Length).ToArray()).ToList();
    }
}
