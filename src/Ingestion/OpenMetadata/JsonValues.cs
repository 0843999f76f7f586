using System.Globalization;
using System.Text;
using System.Text.Json;
using HistoryGraph.Ingestion.Text;

namespace HistoryGraph.Ingestion.OpenMetadata;

/// Lenient readers for OpenMetadata's JSON: releases differ in whether numbers, booleans and
/// objects arrive as themselves or wrapped in strings, so every reader accepts both.
internal static class JsonValues
{
    public static JsonElement? Property(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    public static string? String(JsonElement obj, string name) => Property(obj, name) is { } v
        ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()
        : null;

    public static decimal? Decimal(JsonElement obj, string name) => Property(obj, name) is { } v ? ToDecimal(v) : null;

    public static decimal? ToDecimal(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Number when v.TryGetDecimal(out var d) => d,
        JsonValueKind.String when decimal.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    public static bool? Boolean(JsonElement obj, string name) => Property(obj, name) is { } v
        ? v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String when bool.TryParse(v.GetString(), out var b) => b,
            _ => null,
        }
        : null;

    public static Guid? Guid(JsonElement obj, string name) =>
        String(obj, name) is { } s && System.Guid.TryParse(s, out var g) ? g : null;

    /// Epoch milliseconds as OpenMetadata sends them; a numeric or ISO-8601 string is accepted too.
    public static DateTime? Timestamp(JsonElement obj, string name)
    {
        if (Property(obj, name) is not { } v)
            return null;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var ms))
            return FromEpochMilliseconds(ms);
        if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var msd))
            return FromEpochMilliseconds((long)msd);
        if (v.ValueKind != JsonValueKind.String)
            return null;
        var text = v.GetString();
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out ms))
            return FromEpochMilliseconds(ms);
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var dto)
            && dto.UtcDateTime >= EarliestTimestamp && dto.UtcDateTime < LatestTimestamp
            ? dto.UtcDateTime
            : null;
    }

    /// The moments a timestamp may name. OpenMetadata's are epoch milliseconds of its own era;
    /// anything outside this range is a sender's mistake (seconds for milliseconds, year 1, a
    /// garbled number) and would otherwise be stored as a meaningless moment or as infinity.
    public static readonly DateTime EarliestTimestamp = DateTime.UnixEpoch;
    public static readonly DateTime LatestTimestamp = new(2200, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static DateTime? FromEpochMilliseconds(long ms) =>
        ms >= 0 && ms < (long)(LatestTimestamp - DateTime.UnixEpoch).TotalMilliseconds ? DateTime.UnixEpoch.AddMilliseconds(ms) : null;

    /// `entity` and friends are usually a string holding JSON ("parse twice"); an object is
    /// accepted too. The JSON text the value holds, unchecked, or null when it holds none.
    public static string? EmbeddedText(JsonElement value)
    {
        if (value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
            return value.GetRawText();
        return value.ValueKind == JsonValueKind.String && value.GetString() is { } text
            && !string.IsNullOrWhiteSpace(text) && text.TrimStart()[0] is '{' or '['
            ? text
            : null;
    }

    /// The JSON text the value holds (null when there is none), or why a string that holds
    /// JSON cannot be read: it is held to the same rules as the body.
    public static (string? Json, string? Problem) EmbeddedJson(JsonElement value)
    {
        var (document, json, problem) = EmbeddedDocument(value);
        document?.Dispose();
        return (json, problem);
    }

    /// EmbeddedJson, parsed: the document (the caller disposes it) and its text, or why it
    /// cannot be read. Checked and parsed in one pass, for the hot path of every event.
    public static (JsonDocument? Document, string? Json, string? Problem) EmbeddedDocument(JsonElement value)
    {
        if (EmbeddedText(value) is not { } text)
            return (null, null, null);
        var utf8 = Encoding.UTF8.GetBytes(text);
        if (StrictText.EncodingProblem(utf8) is { } problem)
            return (null, null, "holds JSON that cannot be read: " + problem.Replace("The body", "it", StringComparison.Ordinal));
        try
        {
            return (JsonDocument.Parse(utf8, StrictText.JsonOptions), text, null);
        }
        catch (JsonException ex)
        {
            return (null, null, "holds JSON that cannot be read: " + StrictText.NotJson(ex).Replace("The body", "it", StringComparison.Ordinal));
        }
    }

    /// The `property` of each item of a list of references (owners, followers: `name`; tags:
    /// `tagFQN`), the list as itself or in a string that holds it, as change values and some
    /// releases send it; none when the value holds no list it can read.
    public static List<string> NamesOf(JsonElement value, string property = "name")
    {
        if (value.ValueKind == JsonValueKind.Array)
            return [.. value.EnumerateArray().Select(item => String(item, property)).OfType<string>().Distinct(StringComparer.Ordinal)];
        var (document, _, _) = EmbeddedDocument(value);
        using (document)
            return document?.RootElement.ValueKind == JsonValueKind.Array ? NamesOf(document.RootElement, property) : [];
    }

    /// The value's JSON text, or null for absent and JSON null.
    public static string? RawOrNull(JsonElement obj, string name) => Property(obj, name)?.GetRawText();
}
