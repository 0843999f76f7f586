using System.Text;

namespace HistoryGraph.Ingestion.Transparency;

/// A C2SP signed note: a text of lines each ending in a newline, a blank line, then one signature
/// line per signer, `— <key name> <base64(4-byte key hash || signature)>` (an em dash, U+2014).
/// The signature covers the text, its final newline included.
public sealed record SignedNote(string Text, IReadOnlyList<NoteSignature> Signatures)
{
    private const string Dash = "\u2014 ";

    /// The text signed by each key, as the note is written.
    public static string Sign(string text, IEnumerable<NoteKey> keys)
    {
        CheckText(text);
        var note = new StringBuilder(text).Append('\n');
        var bytes = Encoding.UTF8.GetBytes(text);
        foreach (var key in keys)
        {
            var signature = key.Sign(bytes);
            byte[] line = [(byte)(key.Hash >> 24), (byte)(key.Hash >> 16), (byte)(key.Hash >> 8), (byte)key.Hash, .. signature];
            note.Append(Dash).Append(key.Name).Append(' ').Append(Convert.ToBase64String(line)).Append('\n');
        }
        return note.ToString();
    }

    /// A note as written, split into its text and signature lines (not verified).
    public static SignedNote Parse(string note)
    {
        var split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0 || !note.EndsWith('\n'))
            throw new FormatException("A signed note is its text, a blank line and its signature lines, each ending in a newline.");
        var text = note[..(split + 1)];
        CheckText(text);
        var signatures = new List<NoteSignature>();
        foreach (var line in note[(split + 2)..^1].Split('\n'))
        {
            var parts = line.StartsWith(Dash, StringComparison.Ordinal) ? line[Dash.Length..].Split(' ') : [];
            byte[] bytes;
            try
            {
                bytes = parts.Length == 2 ? Convert.FromBase64String(parts[1]) : [];
            }
            catch (FormatException)
            {
                bytes = [];
            }
            if (bytes.Length < 5 || !NoteKey.IsValidName(parts[0]))
                throw new FormatException($"Not a signature line: \"{line}\".");
            signatures.Add(new NoteSignature(parts[0], (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]), bytes[4..]));
        }
        if (signatures.Count == 0)
            throw new FormatException("A signed note has at least one signature.");
        return new SignedNote(text, signatures);
    }

    /// The keys, of those given, whose signature of the text is on the note and valid.
    public IReadOnlyList<NoteKey> VerifiedBy(IEnumerable<NoteKey> keys)
    {
        var bytes = Encoding.UTF8.GetBytes(Text);
        return keys.Where(k => Signatures.Any(s => s.KeyName == k.Name && s.KeyHash == k.Hash && k.Verify(bytes, s.Signature))).ToList();
    }

    // Lines end in a newline; no blank line inside the text; UTF-8 without control characters but newlines.
    private static void CheckText(string text)
    {
        if (text.Length == 0 || !text.EndsWith('\n') || text.Contains("\n\n", StringComparison.Ordinal) || text.Any(c => char.IsControl(c) && c != '\n'))
            throw new FormatException("A note's text is non-empty lines, each ending in a newline, with no control characters.");
    }
}
