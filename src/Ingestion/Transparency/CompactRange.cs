namespace HistoryGraph.Ingestion.Transparency;

/// The right edge of a Merkle tree: the roots of the perfect subtrees that cover its leaves, one
/// per set bit of its size, largest first. That is all appending needs (O(log n) hashes), and
/// the tree's root is made from them alone.
public sealed class CompactRange
{
    private readonly List<byte[]> _hashes;

    public CompactRange() : this(0, []) { }

    private CompactRange(long size, List<byte[]> hashes) => (Size, _hashes) = (size, hashes);

    /// How many leaves the tree has.
    public long Size { get; private set; }

    /// The subtree roots, largest first.
    public IReadOnlyList<byte[]> Hashes => _hashes;

    /// A range as stored (its size and hashes), checked to hold one hash per set bit of the size.
    public static CompactRange Of(long size, IReadOnlyList<byte[]> hashes)
    {
        if (size < 0 || long.PopCount(size) != hashes.Count || hashes.Any(h => h.Length != MerkleHashes.Length))
            throw new ArgumentException($"A tree of {size} leaves has {long.PopCount(size)} subtree roots of {MerkleHashes.Length} bytes, not {hashes.Count}.");
        return new CompactRange(size, hashes.Select(h => h.ToArray()).ToList());
    }

    /// Appends a leaf; `completed` is told every perfect subtree the leaf completes, from the
    /// leaf itself (level 0) up: its level, its index among the subtrees of that level, its hash.
    public void Append(byte[] leafHash, Action<int, long, byte[]>? completed = null)
    {
        var index = Size;
        var hash = leafHash;
        completed?.Invoke(0, index, hash);
        var level = 0;
        for (var size = index; (size & 1) == 1; size >>= 1)
        {
            hash = MerkleHashes.Node(_hashes[^1], hash);
            _hashes.RemoveAt(_hashes.Count - 1);
            level++;
            completed?.Invoke(level, index >> level, hash);
        }
        _hashes.Add(hash);
        Size = index + 1;
    }

    /// The tree's root hash (RFC 6962's MTH): the subtree roots folded from the smallest.
    public byte[] Root()
    {
        if (_hashes.Count == 0)
            return MerkleHashes.Empty;
        var root = _hashes[^1];
        for (var i = _hashes.Count - 2; i >= 0; i--)
            root = MerkleHashes.Node(_hashes[i], root);
        return root;
    }

    public CompactRange Copy() => new(Size, _hashes.Select(h => h.ToArray()).ToList());
}
