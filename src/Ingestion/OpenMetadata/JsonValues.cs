using System.Globalization;
using System.Text.Json;

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
            ? dto.UtcDateTime
            : null;
    }

    private static DateTime? FromEpochMilliseconds(long ms) =>
        ms is >= -62135596800000 and <= 253402300799999 ? DateTime.UnixEpoch.AddMilliseconds(ms) : null;

    /// `entity` and friends are usually a string holding JSON ("parse twice"); an object is
    /// accepted too. Returns the JSON text of the object, or null when there is none.
    public static string? EmbeddedJson(JsonElement value)
    {
        if (value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
            return value.GetRawText();
        if (value.ValueKind != JsonValueKind.String)
            return null;
        var text = value.GetString();
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var first = text.TrimStart()[0];
        if (first is not ('{' or '['))
            return null;
        try
        {
            using var doc = JsonDocument.Parse(text);
            return text;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// The value's JSON text, or null for absent and JSON null.
    public static string? RawOrNull(JsonElement obj, string name) => Property(obj, name)?.GetRawText();
}
