namespace HistoryGraph.Ingestion.Transparency;

/// Inclusion and consistency proofs of RFC 6962 (section 2.1, with the verification of RFC 9162,
/// section 2.1.3.2 and 2.1.4.2). A proof is a list of subtree hashes; which subtrees (as leaf
/// ranges [Start, End)) follows from the sizes alone, so that a store can fetch just those.
public static class MerkleProofs
{
    /// The ranges whose hashes prove leaf `index` is in the tree of `size` leaves (RFC 6962's
    /// PATH), from the leaf's sibling up.
    public static IReadOnlyList<(long Start, long End)> InclusionRanges(long index, long size)
    {
        if (index < 0 || index >= size)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Leaf {index} is not in a tree of {size} leaves.");
        var ranges = new List<(long, long)>();
        Path(index, 0, size, ranges);
        return ranges;
    }

    private static void Path(long m, long start, long n, List<(long, long)> ranges)
    {
        if (n == 1)
            return;
        var k = SplitOf(n);
        if (m < k)
        {
            Path(m, start, k, ranges);
            ranges.Add((start + k, start + n));
        }
        else
        {
            Path(m - k, start + k, n - k, ranges);
            ranges.Add((start, start + k));
        }
    }

    /// The ranges whose hashes prove the tree of `to` leaves extends the tree of `from` leaves
    /// (RFC 6962's PROOF); none when the sizes are equal or the first tree is empty.
    public static IReadOnlyList<(long Start, long End)> ConsistencyRanges(long from, long to)
    {
        if (from < 0 || from > to)
            throw new ArgumentOutOfRangeException(nameof(from), from, $"A tree of {from} leaves is not a prefix of one of {to}.");
        var ranges = new List<(long, long)>();
        if (from > 0 && from < to)
            SubProof(from, 0, to, true, ranges);
        return ranges;
    }

    private static void SubProof(long m, long start, long n, bool complete, List<(long, long)> ranges)
    {
        if (m == n)
        {
            if (!complete)
                ranges.Add((start, start + n));
            return;
        }
        var k = SplitOf(n);
        if (m <= k)
        {
            SubProof(m, start, k, complete, ranges);
            ranges.Add((start + k, start + n));
        }
        else
        {
            SubProof(m - k, start + k, n - k, false, ranges);
            ranges.Add((start, start + k));
        }
    }

    /// The perfect subtrees (level, index) whose hashes make up the hash of a range of leaves, in
    /// the order RangeHash asks for them.
    public static IEnumerable<(int Level, long Index)> SubtreesOf(long start, long end)
    {
        var n = end - start;
        if (n <= 0)
            throw new ArgumentOutOfRangeException(nameof(end), end, "An empty range has no subtrees.");
        if (long.IsPow2(n) && start % n == 0)
        {
            yield return ((int)long.Log2(n), start / n);
            yield break;
        }
        var k = SplitOf(n);
        foreach (var subtree in SubtreesOf(start, start + k))
            yield return subtree;
        foreach (var subtree in SubtreesOf(start + k, end))
            yield return subtree;
    }

    /// The hash of a range of leaves (RFC 6962's MTH over it), from the hashes of perfect subtrees.
    public static byte[] RangeHash(long start, long end, Func<int, long, byte[]> subtree)
    {
        var n = end - start;
        if (long.IsPow2(n) && start % n == 0)
            return subtree((int)long.Log2(n), start / n);
        var k = SplitOf(n);
        return MerkleHashes.Node(RangeHash(start, start + k, subtree), RangeHash(start + k, end, subtree));
    }

    /// Whether `proof` shows the leaf with this hash at `index` in the tree of `size` leaves whose root is `root`.
    public static bool VerifyInclusion(long index, long size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        if (index < 0 || index >= size)
            return false;
        var (fn, sn) = (index, size - 1);
        var r = leafHash.ToArray();
        foreach (var p in proof)
        {
            if (sn == 0)
                return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                r = MerkleHashes.Node(p, r);
                while ((fn & 1) == 0 && fn != 0)
                    (fn, sn) = (fn >> 1, sn >> 1);
            }
            else
                r = MerkleHashes.Node(r, p);
            (fn, sn) = (fn >> 1, sn >> 1);
        }
        return sn == 0 && r.AsSpan().SequenceEqual(root);
    }

    /// Whether `proof` shows the tree of `to` leaves with root `toRoot` extends the tree of `from`
    /// leaves with root `fromRoot`.
    public static bool VerifyConsistency(long from, long to, ReadOnlySpan<byte> fromRoot, ReadOnlySpan<byte> toRoot, IReadOnlyList<byte[]> proof)
    {
        if (from < 0 || from > to)
            return false;
        if (from == to)
            return proof.Count == 0 && fromRoot.SequenceEqual(toRoot);
        if (from == 0)
            return proof.Count == 0 && fromRoot.SequenceEqual(MerkleHashes.Empty);
        if (proof.Count == 0)
            return false;
        List<byte[]> path = long.IsPow2(from) ? [fromRoot.ToArray(), .. proof] : [.. proof];
        var (fn, sn) = (from - 1, to - 1);
        while ((fn & 1) == 1)
            (fn, sn) = (fn >> 1, sn >> 1);
        var (fr, sr) = (path[0], path[0]);
        foreach (var c in path.Skip(1))
        {
            if (sn == 0)
                return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                fr = MerkleHashes.Node(c, fr);
                sr = MerkleHashes.Node(c, sr);
                while ((fn & 1) == 0 && fn != 0)
                    (fn, sn) = (fn >> 1, sn >> 1);
            }
            else
                sr = MerkleHashes.Node(sr, c);
            (fn, sn) = (fn >> 1, sn >> 1);
        }
        return sn == 0 && fr.AsSpan().SequenceEqual(fromRoot) && sr.AsSpan().SequenceEqual(toRoot);
    }

    /// The largest power of two below n (n > 1): where RFC 6962 splits a tree of n leaves.
    private static long SplitOf(long n) => 1L << (int)long.Log2(n - 1);
}
