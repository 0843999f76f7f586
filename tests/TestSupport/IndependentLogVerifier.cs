using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace HistoryGraph.TestSupport;

/// A verifier of the transparency log written from the specifications alone (RFC 9162 sections
/// 2.1.3.2 and 2.1.4.2, C2SP signed-note and tlog-checkpoint), with its own hashing and Ed25519
/// (libsodium, through NSec) rather than the project's code, so that what the server answers is
/// checked by something that shares none of its mistakes.
public static class IndependentLogVerifier
{
    public sealed record OpenedCheckpoint(string Origin, long Size, byte[] RootHash);

    /// Checks the note's Ed25519 signature by the verifier key `<name>+<hash hex>+<base64(0x01 || key)>`
    /// and returns the checkpoint it signs; throws when it is not signed by that key.
    public static OpenedCheckpoint OpenCheckpoint(string note, string verifierKey)
    {
        var parts = verifierKey.Split('+', 3);
        var (name, keyBytes) = (parts[0], Convert.FromBase64String(parts[2]));
        if (keyBytes.Length != 33 || keyBytes[0] != 1)
            throw new InvalidOperationException("Not an Ed25519 verifier key.");
        // Key id: the first four bytes of SHA-256(name || "\n" || 0x01 || key).
        var id = SHA256.HashData([.. Encoding.UTF8.GetBytes(name), 0x0A, .. keyBytes]).AsSpan(0, 4).ToArray();
        if (Convert.ToHexStringLower(id) != parts[1])
            throw new InvalidOperationException("The verifier key's hash does not match it.");
        var publicKey = PublicKey.Import(SignatureAlgorithm.Ed25519, keyBytes.AsSpan(1), KeyBlobFormat.RawPublicKey);

        var split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        var text = note[..(split + 1)];
        var signed = false;
        foreach (var line in note[(split + 2)..].TrimEnd('\n').Split('\n'))
        {
            if (!line.StartsWith("\u2014 " + name + " ", StringComparison.Ordinal))
                continue;
            var blob = Convert.FromBase64String(line[(("\u2014 " + name + " ").Length)..]);
            if (blob.AsSpan(0, 4).SequenceEqual(id) && SignatureAlgorithm.Ed25519.Verify(publicKey, Encoding.UTF8.GetBytes(text), blob.AsSpan(4)))
                signed = true;
        }
        if (!signed)
            throw new InvalidOperationException($"The note carries no valid signature by {name}.");
        var lines = text.Split('\n');
        return new OpenedCheckpoint(lines[0], long.Parse(lines[1], System.Globalization.CultureInfo.InvariantCulture), Convert.FromBase64String(lines[2]));
    }

    public static byte[] LeafHash(byte[] data) => SHA256.HashData([0x00, .. data]);

    private static byte[] Node(byte[] left, byte[] right) => SHA256.HashData([0x01, .. left, .. right]);

    /// RFC 9162, 2.1.3.2: verifying an inclusion proof.
    public static bool VerifyInclusion(long leafIndex, long treeSize, byte[] leafHash, IReadOnlyList<byte[]> inclusionPath, byte[] rootHash)
    {
        if (leafIndex >= treeSize)
            return false;
        long fn = leafIndex, sn = treeSize - 1;
        var r = leafHash;
        foreach (var p in inclusionPath)
        {
            if (sn == 0)
                return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                r = Node(p, r);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
                r = Node(r, p);
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && r.AsSpan().SequenceEqual(rootHash);
    }

    /// RFC 9162, 2.1.4.2: verifying a consistency proof.
    public static bool VerifyConsistency(long firstSize, long secondSize, byte[] firstHash, byte[] secondHash, IReadOnlyList<byte[]> proof)
    {
        if (firstSize == secondSize)
            return proof.Count == 0 && firstHash.AsSpan().SequenceEqual(secondHash);
        if (firstSize == 0 || firstSize > secondSize || proof.Count == 0)
            return false;
        var path = proof.ToList();
        if (IsPowerOfTwo(firstSize))
            path.Insert(0, firstHash);
        long fn = firstSize - 1, sn = secondSize - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path[0], sr = path[0];
        foreach (var c in path.Skip(1))
        {
            if (sn == 0)
                return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                fr = Node(c, fr);
                sr = Node(c, sr);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
                sr = Node(sr, c);
            fn >>= 1;
            sn >>= 1;
        }
        return fr.AsSpan().SequenceEqual(firstHash) && sr.AsSpan().SequenceEqual(secondHash) && sn == 0;
    }

    private static bool IsPowerOfTwo(long n) => (n & (n - 1)) == 0;
}
