using System.Globalization;

namespace HistoryGraph.Ingestion.Transparency;

/// A C2SP tlog checkpoint: the body of a signed note naming a log (its origin), the number of
/// leaves in its tree and the tree's root hash, one per line, then any extension lines.
public sealed record Checkpoint(string Origin, long Size, byte[] RootHash, IReadOnlyList<string> Extensions)
{
    public Checkpoint(string origin, long size, byte[] rootHash) : this(origin, size, rootHash, []) { }

    /// `<origin>\n<size>\n<base64 root hash>\n` and the extension lines.
    public string Body()
    {
        if (string.IsNullOrWhiteSpace(Origin) || Origin.Contains('\n') || Size < 0 || RootHash.Length != MerkleHashes.Length)
            throw new InvalidOperationException("A checkpoint has an origin line, a size and a 32-byte root hash.");
        return $"{Origin}\n{Size.ToString(CultureInfo.InvariantCulture)}\n{Convert.ToBase64String(RootHash)}\n" + string.Concat(Extensions.Select(e => e + "\n"));
    }

    /// A checkpoint body as written (the text of its signed note).
    public static Checkpoint Parse(string body)
    {
        var lines = body.EndsWith('\n') ? body[..^1].Split('\n') : throw new FormatException("A checkpoint's lines end in a newline.");
        if (lines.Length < 3 || lines[0].Length == 0)
            throw new FormatException("A checkpoint has an origin, a size and a root hash line.");
        // The size is decimal ASCII with no sign or leading zero.
        if (lines[1].Length == 0 || lines[1].Any(c => c is < '0' or > '9') || (lines[1].Length > 1 && lines[1][0] == '0')
            || !long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
            throw new FormatException($"\"{lines[1]}\" is not a tree size.");
        byte[] root;
        try
        {
            root = Convert.FromBase64String(lines[2]);
        }
        catch (FormatException)
        {
            throw new FormatException("The root hash line is not base64.");
        }
        if (root.Length != MerkleHashes.Length)
            throw new FormatException("The root hash is not 32 bytes.");
        return new Checkpoint(lines[0], size, root, lines[3..]);
    }
}
