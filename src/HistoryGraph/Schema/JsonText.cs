using System.Text.Json;

namespace HistoryGraph.Schema;

/// Stored JSON text as the value a `JSON` field returns.
internal static class JsonText
{
    public static JsonElement? Parse(string? json)
    {
        if (json is null)
            return null;
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// Text that may not be JSON (an answer from another server): the JSON it holds, else the text as a JSON string.
    public static JsonElement ParseOrText(string text)
    {
        try
        {
            return Parse(text)!.Value;
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(text);
        }
    }

    public static JsonElement Parse(byte[] utf8)
    {
        using var document = JsonDocument.Parse(utf8);
        return document.RootElement.Clone();
    }
}
