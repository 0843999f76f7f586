using System.Security.Cryptography;

namespace HistoryGraph.Ingestion.Tests.Transparency;

/// RFC 6962's definitions (section 2.1), written out as the RFC states them, recursively over
/// the list of leaf inputs, with their own SHA-256 calls: the independent implementation the
/// project's tree and proofs are checked against.
public static class Rfc6962
{
    /// MTH(D[n]).
    public static byte[] Mth(IReadOnlyList<byte[]> d)
    {
        if (d.Count == 0)
            return SHA256.HashData(Array.Empty<byte>());
        if (d.Count == 1)
            return SHA256.HashData([0x00, .. d[0]]);
        var k = K(d.Count);
        return SHA256.HashData([0x01, .. Mth(d.Take(k).ToList()), .. Mth(d.Skip(k).ToList())]);
    }

    /// PATH(m, D[n]).
    public static List<byte[]> Path(int m, IReadOnlyList<byte[]> d)
    {
        if (d.Count == 1)
            return [];
        var k = K(d.Count);
        return m < k
            ? [.. Path(m, d.Take(k).ToList()), Mth(d.Skip(k).ToList())]
            : [.. Path(m - k, d.Skip(k).ToList()), Mth(d.Take(k).ToList())];
    }

    /// PROOF(m, D[n]) = SUBPROOF(m, D[n], true).
    public static List<byte[]> Proof(int m, IReadOnlyList<byte[]> d) => SubProof(m, d, true);

    private static List<byte[]> SubProof(int m, IReadOnlyList<byte[]> d, bool b)
    {
        var n = d.Count;
        if (m == n)
            return b ? [] : [Mth(d)];
        var k = K(n);
        return m <= k
            ? [.. SubProof(m, d.Take(k).ToList(), b), Mth(d.Skip(k).ToList())]
            : [.. SubProof(m - k, d.Skip(k).ToList(), false), Mth(d.Take(k).ToList())];
    }

    // The largest power of two smaller than n.
    private static int K(int n)
    {
        var k = 1;
        while (k << 1 < n)
            k <<= 1;
        return k;
    }
}
