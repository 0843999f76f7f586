using System.Text.Json;

namespace HistoryGraph.Ingestion.OpenMetadata;

/// OpenMetadata sends list and object field values as strings that contain JSON
/// ("[{\"tagFQN\":...}]"). Stored values keep that form; presentation decodes it.
public static class FieldValue
{
    /// The JSON text of the value with one level of string-wrapped JSON removed.
    public static string Decode(string json)
    {
        if (json.Length < 2 || json[0] != '"')
            return json;
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.ValueKind == JsonValueKind.String && JsonValues.EmbeddedJson(doc.RootElement).Json is { } inner
                ? inner
                : json;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return json;
        }
    }
}
