using System.Security.Cryptography;

namespace HistoryGraph.Ingestion.Transparency;

/// The hashes of RFC 6962 (and RFC 9162) Merkle trees: SHA-256, with a 0x00 prefix for leaves and
/// 0x01 for interior nodes, so that a leaf can never be passed off as a node or the reverse.
public static class MerkleHashes
{
    public const int Length = 32;

    /// The root of the empty tree: the hash of no bytes.
    public static byte[] Empty { get; } = SHA256.HashData([]);

    public static byte[] Leaf(ReadOnlySpan<byte> data)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData([0x00]);
        hash.AppendData(data);
        return hash.GetHashAndReset();
    }

    public static byte[] Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> input = stackalloc byte[1 + 2 * Length];
        input[0] = 0x01;
        left.CopyTo(input[1..]);
        right.CopyTo(input[(1 + Length)..]);
        return SHA256.HashData(input);
    }
}
