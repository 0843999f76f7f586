using System.Text.Json;
using System.Text.Json.Serialization;

namespace HistoryGraph.Transparency;

/// How log bundles are written and read: one JSON object per line, camelCase, enumerations by
/// name, nothing for a missing value.
public static class BundleJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
