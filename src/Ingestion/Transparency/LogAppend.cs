using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Ingestion.Transparency;

/// Leaves appended to the stored tree inside the writer's transaction: from the tree's right edge
/// as stored (its size, the compact range of its subtree roots, and the tiles still filling),
/// the new edge and the tiles that changed, ready to be written with the rows.
public sealed class LogAppend
{
    /// Tile levels that can hold a partial tile: level T covers subtrees of 2^(8T) leaves, and a
    /// tree is taken to hold fewer than 2^56 leaves.
    public const int TileLevels = 7;

    private readonly CompactRange _range;
    private readonly Dictionary<(short Level, long Index), MemoryStream> _tiles = [];
    private readonly HashSet<(short, long)> _changed = [];

    public LogAppend(long size, byte[] edge, IEnumerable<LogTile> rightEdge)
    {
        _range = CompactRange.Of(size, Split(edge));
        foreach (var tile in rightEdge)
        {
            var stream = new MemoryStream();
            stream.Write(tile.Hashes);
            _tiles[(tile.Level, tile.Index)] = stream;
        }
        // Only the partial tiles of this size are expected, each holding exactly what it should.
        foreach (var ((level, index), stream) in _tiles)
        {
            var (expectedIndex, filled) = PartialTile(size, level);
            if (index != expectedIndex || stream.Length != filled * MerkleHashes.Length)
                throw new InvalidOperationException($"Tile {level}/{index} holds {stream.Length / MerkleHashes.Length} hashes; a tree of {size} leaves has {filled} in tile {level}/{expectedIndex}.");
        }
    }

    public long Size => _range.Size;

    public byte[] Root() => _range.Root();

    /// The compact range as stored: its hashes, largest subtree first, concatenated.
    public byte[] Edge => Join(_range.Hashes);

    public void Append(byte[] leafHash) => _range.Append(leafHash, Keep);

    /// The tiles that gained hashes, whole.
    public IReadOnlyList<LogTile> ChangedTiles() =>
        _changed.Select(key => new LogTile { Level = key.Item1, Index = key.Item2, Hashes = _tiles[key].ToArray() }).ToList();

    private void Keep(int level, long index, byte[] hash)
    {
        if (!Tiles.IsKept(level))
            return;
        var (tileLevel, tileIndex, position) = Tiles.Locate(level, index);
        var key = ((short)tileLevel, tileIndex);
        if (!_tiles.TryGetValue(key, out var stream))
            _tiles[key] = stream = new MemoryStream();
        if (stream.Length != (long)position * MerkleHashes.Length)
            throw new InvalidOperationException($"Tile {tileLevel}/{tileIndex} holds {stream.Length / MerkleHashes.Length} hashes; hash {position} cannot be added.");
        stream.Write(hash);
        _changed.Add(key);
    }

    /// The tile of a tile level that a tree of `size` leaves is filling, and how many hashes it holds.
    public static (long Index, long Filled) PartialTile(long size, int tileLevel)
    {
        var kept = size >> (tileLevel * Tiles.Height);
        return (kept >> Tiles.Height, kept & (Tiles.Width - 1));
    }

    /// The right-edge tiles to read for a tree of `size` leaves: those partly filled.
    public static IEnumerable<(short Level, long Index)> PartialTiles(long size)
    {
        for (var level = 0; level < TileLevels; level++)
        {
            var (index, filled) = PartialTile(size, level);
            if (filled > 0)
                yield return ((short)level, index);
        }
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
