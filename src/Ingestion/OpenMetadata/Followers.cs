using System.Text.Json;
using HistoryGraph.Ingestion.Storage;
using static HistoryGraph.Ingestion.OpenMetadata.JsonValues;

namespace HistoryGraph.Ingestion.OpenMetadata;

/// Who follows an entity. A snapshot lists the followers when OpenMetadata sent that field, but
/// following and unfollowing usually arrive without a snapshot: an entityUpdated at the same
/// version whose `followers` change names only the references added or removed.
public static class Followers
{
    public const string Field = "followers";

    /// The names a snapshot lists, or null when it does not carry the field: then it says
    /// nothing about who follows.
    public static IReadOnlyList<string>? Listed(JsonElement entity) =>
        Property(entity, Field) is { } value ? Names(value) : null;

    /// The followers after an event: the ones its snapshot lists, or else the current ones with
    /// the event's own `followers` changes applied (a change's values hold only what it added or
    /// removed, so an update removes its old references and adds its new ones).
    public static List<string> After(IEnumerable<string> current, IReadOnlyList<string>? listed, IEnumerable<(ChangeType Type, string? OldJson, string? NewJson)> changes)
    {
        if (listed is not null)
            return [.. listed];
        var names = current.ToList();
        foreach (var (type, oldJson, newJson) in changes)
        {
            if (type != ChangeType.Added)
                names.RemoveAll(NamesIn(oldJson).Contains);
            if (type != ChangeType.Deleted)
                names.AddRange(NamesIn(newJson).Where(name => !names.Contains(name)));
        }
        return names;
    }

    /// The `followers` changes of an event, as After takes them.
    public static IEnumerable<(ChangeType, string?, string?)> ChangesOf(IEnumerable<FieldChangeMessage> changes) => changes
        .Where(c => c.Path == Field)
        .Select(c => (c.ChangeType, c.OldValueJson, c.NewValueJson));

    private static List<string> NamesIn(string? json)
    {
        if (json is null)
            return [];
        using var document = JsonDocument.Parse(json);
        return Names(document.RootElement);
    }

    // A list of entity references, as itself or (usually) as a string that holds it.
    private static List<string> Names(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Array)
            return [.. value.EnumerateArray().Select(item => String(item, "name")).OfType<string>().Distinct(StringComparer.Ordinal)];
        if (EmbeddedText(value) is not { } text)
            return [];
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Array ? Names(document.RootElement) : [];
        }
        catch (JsonException)
        {
            // An unreadable value names nobody; the event itself is stored as it came.
            return [];
        }
    }
}
