using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace HistoryGraph.Ingestion.Text;

/// Checks text from outside before anything reads it. .NET's JSON reader accepts escapes such
/// as "\ud800" (half of a surrogate pair) and only fails when the string is read, and invalid
/// UTF-8 (overlong forms like C0 80) fails late too: checked here once, up front, each such
/// input becomes a clear refusal instead of an exception in the middle of the work.
public static class StrictText
{
    /// The one JSON nesting limit of the project: bodies, embedded entity strings and snapshots.
    public const int MaxJsonDepth = 64;

    /// JsonDocument (and JsonNode) reading with that limit.
    public static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = MaxJsonDepth };

    /// Why the bytes are not acceptable JSON (invalid UTF-8, a lone surrogate escape, too deep,
    /// malformed), or null when they are.
    public static string? JsonProblem(ReadOnlySpan<byte> utf8)
    {
        if (EncodingProblem(utf8) is { } problem)
            return problem;
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxJsonDepth });
        try
        {
            while (reader.Read())
            {
            }
            return null;
        }
        catch (JsonException ex)
        {
            return NotJson(ex);
        }
    }

    /// The problem JsonProblem gives for JSON that a JsonDocument could not parse.
    public static string NotJson(JsonException ex) => $"The body is not valid JSON: {ex.Message}";

    /// Why the bytes cannot be read as text whatever their JSON syntax (invalid UTF-8, an escape
    /// of half a surrogate pair), or null. Syntax and nesting are left to the parser that reads
    /// them next (JsonDocument with MaxJsonDepth), so that a body is tokenized once.
    public static string? EncodingProblem(ReadOnlySpan<byte> utf8)
    {
        if (!Utf8.IsValid(utf8))
            return $"The body is not valid UTF-8 (first invalid byte at offset {FirstInvalidByte(utf8)}).";
        // Escapes occur only inside strings (a backslash anywhere else is a syntax error the
        // parser reports), so walking from backslash to backslash finds every \uXXXX.
        var offset = 0;
        while (offset < utf8.Length)
        {
            var next = utf8[offset..].IndexOf((byte)'\\');
            if (next < 0)
                return null;
            offset += next;
            if (offset + 1 >= utf8.Length || utf8[offset + 1] != 'u')
            {
                offset += 2;
                continue;
            }
            if (CodeUnit(utf8, offset) is not { } unit)
                return null; // a malformed escape: the parser says so
            if (char.IsLowSurrogate(unit))
                return $"A JSON string at offset {offset} contains a lone surrogate (U+{(int)unit:X4}).";
            if (char.IsHighSurrogate(unit))
            {
                if (CodeUnit(utf8, offset + 6) is not { } low || !char.IsLowSurrogate(low))
                    return $"A JSON string at offset {offset} contains a lone surrogate (U+{(int)unit:X4}).";
                offset += 12;
                continue;
            }
            offset += 6;
        }
        return null;
    }

    private static char? CodeUnit(ReadOnlySpan<byte> utf8, int offset) =>
        offset + 6 <= utf8.Length && utf8[offset] == '\\' && utf8[offset + 1] == 'u'
        && Utf8Parser.TryParse(utf8.Slice(offset + 2, 4), out ushort value, out var consumed, 'X') && consumed == 4
            ? (char)value
            : null;

    /// What makes a string unusable as text (a lone surrogate; NUL, which PostgreSQL cannot
    /// store in text, unless allowed), or null.
    public static string? StringProblem(ReadOnlySpan<char> text, bool allowNul = false)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0' && !allowNul)
                return "contains NUL (U+0000).";
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                    continue;
                }
                return $"contains a lone surrogate (U+{(int)c:X4}).";
            }
            if (char.IsLowSurrogate(c))
                return $"contains a lone surrogate (U+{(int)c:X4}).";
        }
        return null;
    }

    /// The text with control characters escaped, for log lines: a newline in client input must
    /// not start a forged line of its own.
    public static string ForLog(string? text, int maxLength = 200)
    {
        if (text is null)
            return "";
        var builder = new StringBuilder(Math.Min(text.Length, maxLength) + 8);
        foreach (var c in text.Length > maxLength ? text[..maxLength] : text)
        {
            if (char.IsControl(c) || c is '\u2028' or '\u2029')
                builder.Append($"\\u{(int)c:x4}");
            else
                builder.Append(c);
        }
        if (text.Length > maxLength)
            builder.Append('…');
        return builder.ToString();
    }

    private static int FirstInvalidByte(ReadOnlySpan<byte> utf8)
    {
        var offset = 0;
        while (offset < utf8.Length && Rune.DecodeFromUtf8(utf8[offset..], out _, out var consumed) == System.Buffers.OperationStatus.Done)
            offset += consumed;
        return offset;
    }
}
