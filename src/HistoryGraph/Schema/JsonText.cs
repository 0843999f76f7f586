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

    public static JsonElement Parse(byte[] utf8)
    {
        using var document = JsonDocument.Parse(utf8);
        return document.RootElement.Clone();
    }
}
