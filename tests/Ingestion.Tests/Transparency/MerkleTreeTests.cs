using HistoryGraph.Ingestion.Transparency;

namespace HistoryGraph.Ingestion.Tests.Transparency;

/// The tree kept by appending (CompactRange), its subtree hashes, and the proofs made from them
/// give exactly what RFC 6962's definitions give (Rfc6962, written from the RFC), and the
/// verifiers of RFC 9162 accept those proofs and nothing altered.
public sealed class MerkleTreeTests
{
    // The leaf inputs of certificate-transparency's reference tests, and the roots they publish
    // for the trees of the first 1 to 8 of them.
    private static readonly byte[][] ReferenceLeaves =
    [
        [], [0x00], [0x10], [0x20, 0x21], [0x30, 0x31], [0x40, 0x41, 0x42, 0x43],
        [0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57],
        [0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f],
    ];

    private static readonly string[] ReferenceRoots =
    [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    [Fact]
    public void the_roots_are_the_reference_roots_and_the_rfcs()
    {
        var tree = new CompactRange();
        Assert.Equal(Convert.ToHexStringLower(Rfc6962.Mth([])), Convert.ToHexStringLower(tree.Root()));
        for (var n = 1; n <= ReferenceLeaves.Length; n++)
        {
            tree.Append(MerkleHashes.Leaf(ReferenceLeaves[n - 1]));
            Assert.Equal(ReferenceRoots[n - 1], Convert.ToHexStringLower(tree.Root()));
            Assert.Equal(ReferenceRoots[n - 1], Convert.ToHexStringLower(Rfc6962.Mth(ReferenceLeaves.Take(n).ToList())));
        }
    }

    [Fact]
    public void appending_gives_the_rfcs_root_at_every_size_and_a_stored_range_goes_on_alike()
    {
        var leaves = Leaves(300);
        var tree = new CompactRange();
        for (var n = 1; n <= leaves.Count; n++)
        {
            tree.Append(MerkleHashes.Leaf(leaves[n - 1]));
            if (n <= 70 || n % 37 == 0)
                Assert.Equal(Rfc6962.Mth(leaves.Take(n).ToList()), tree.Root());
            Assert.Equal(long.PopCount(n), tree.Hashes.Count);
        }
        var stored = CompactRange.Of(tree.Size, tree.Hashes);
        stored.Append(MerkleHashes.Leaf([1, 2, 3]));
        Assert.Equal(Rfc6962.Mth([.. leaves, [1, 2, 3]]), stored.Root());
        Assert.Throws<ArgumentException>(() => CompactRange.Of(5, tree.Hashes));
    }

    [Fact]
    public void inclusion_proofs_are_the_rfcs_and_verify_and_altered_ones_do_not()
    {
        var leaves = Leaves(41);
        var subtrees = Subtrees(leaves);
        for (var n = 1; n < leaves.Count; n++)
        {
            var prefix = leaves.Take(n).ToList();
            var root = Rfc6962.Mth(prefix);
            for (var m = 0; m < n; m++)
            {
                var proof = Proof(MerkleProofs.InclusionRanges(m, n), subtrees);
                Assert.Equal(Rfc6962.Path(m, prefix), proof);
                var leaf = MerkleHashes.Leaf(leaves[m]);
                Assert.True(MerkleProofs.VerifyInclusion(m, n, leaf, proof, root));
                Assert.False(MerkleProofs.VerifyInclusion(m, n, MerkleHashes.Leaf([0xff]), proof, root));
                // The same path does not prove the leaf in the next tree (whose root a verifier of that size holds).
                Assert.False(MerkleProofs.VerifyInclusion(m, n + 1, leaf, proof, Rfc6962.Mth(leaves.Take(n + 1).ToList())), $"{m} of {n} taken for one of {n + 1}");
                if (n > 1)
                {
                    Assert.False(MerkleProofs.VerifyInclusion((m + 1) % n, n, leaf, proof, root));
                    Assert.False(MerkleProofs.VerifyInclusion(m, n, leaf, [.. proof.Take(proof.Count - 1)], root));
                    var altered = proof.Select(p => p.ToArray()).ToList();
                    altered[^1][0] ^= 1;
                    Assert.False(MerkleProofs.VerifyInclusion(m, n, leaf, altered, root));
                }
            }
        }
    }

    [Fact]
    public void consistency_proofs_are_the_rfcs_and_verify_and_altered_ones_do_not()
    {
        var leaves = Leaves(40);
        var subtrees = Subtrees(leaves);
        for (var n = 1; n <= leaves.Count; n++)
        {
            var root = Rfc6962.Mth(leaves.Take(n).ToList());
            for (var m = 1; m <= n; m++)
            {
                var earlier = Rfc6962.Mth(leaves.Take(m).ToList());
                var proof = Proof(MerkleProofs.ConsistencyRanges(m, n), subtrees);
                Assert.Equal(m == n ? [] : Rfc6962.Proof(m, leaves.Take(n).ToList()), proof);
                Assert.True(MerkleProofs.VerifyConsistency(m, n, earlier, root, proof));
                if (m == n)
                    continue;
                Assert.False(MerkleProofs.VerifyConsistency(m, n, Rfc6962.Mth(leaves.Take(m - 1).ToList()), root, proof));
                Assert.False(MerkleProofs.VerifyConsistency(m, n, earlier, Rfc6962.Mth(leaves.Take(n - 1).ToList()), proof));
                var altered = proof.Select(p => p.ToArray()).ToList();
                altered[0][^1] ^= 1;
                Assert.False(MerkleProofs.VerifyConsistency(m, n, earlier, root, altered));
            }
        }
        Assert.True(MerkleProofs.VerifyConsistency(0, 5, MerkleHashes.Empty, Rfc6962.Mth(leaves.Take(5).ToList()), []));
    }

    [Fact]
    public void a_range_is_made_of_the_subtrees_it_names()
    {
        var leaves = Leaves(64);
        var subtrees = Subtrees(leaves);
        for (var start = 0; start < 64; start += 8)
        {
            for (var end = start + 1; end <= 64; end += 3)
            {
                var asked = new List<(int, long)>();
                var hash = MerkleProofs.RangeHash(start, end, (level, index) => { asked.Add((level, index)); return subtrees[(level, index)]; });
                Assert.Equal(MerkleProofs.SubtreesOf(start, end), asked);
                Assert.Equal(Rfc6962.Mth(leaves.Skip(start).Take(end - start).ToList()), hash);
            }
        }
    }

    private static List<byte[]> Leaves(int count) =>
        Enumerable.Range(0, count).Select(i => BitConverter.GetBytes(i * 7919).Concat(new byte[i % 5]).ToArray()).ToList();

    // Every perfect subtree's hash, as appending the leaves tells them.
    private static Dictionary<(int, long), byte[]> Subtrees(List<byte[]> leaves)
    {
        var subtrees = new Dictionary<(int, long), byte[]>();
        var tree = new CompactRange();
        foreach (var leaf in leaves)
            tree.Append(MerkleHashes.Leaf(leaf), (level, index, hash) => subtrees[(level, index)] = hash);
        return subtrees;
    }

    private static List<byte[]> Proof(IReadOnlyList<(long Start, long End)> ranges, Dictionary<(int, long), byte[]> subtrees) =>
        ranges.Select(r => MerkleProofs.RangeHash(r.Start, r.End, (level, index) => subtrees[(level, index)])).ToList();
}
