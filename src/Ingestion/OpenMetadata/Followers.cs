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
        Property(entity, Field) is { } value ? NamesOf(value) : null;

    /// The followers after an event: the ones its snapshot lists, or else the current ones with
    /// the event's own `followers` changes applied (a change's values hold only what it added or
    /// removed, so an update removes its old references and adds its new ones). An event that
    /// says nothing about followers, as most do, gets `current` itself back: nothing is copied.
    public static List<string> After(List<string> current, IReadOnlyList<string>? listed, IEnumerable<(ChangeType Type, string? OldJson, string? NewJson)> changes)
    {
        if (listed is not null)
            return [.. listed];
        List<string>? names = null;
        foreach (var (type, oldJson, newJson) in changes)
        {
            names ??= [.. current];
            if (type != ChangeType.Added)
                names.RemoveAll(NamesIn(oldJson).Contains);
            if (type != ChangeType.Deleted)
                names.AddRange(NamesIn(newJson).Where(name => !names.Contains(name)));
        }
        return names ?? current;
    }

    /// The `followers` changes of an event, as After takes them.
    public static IEnumerable<(ChangeType, string?, string?)> ChangesOf(IEnumerable<FieldChangeMessage> changes) => changes
        .Where(c => c.Path == Field)
        .Select(c => (c.ChangeType, c.OldValueJson, c.NewValueJson));

    // A change's value, as the JSON text it was sent as.
    private static List<string> NamesIn(string? json)
    {
        if (json is null)
            return [];
        using var document = JsonDocument.Parse(json);
        return NamesOf(document.RootElement);
    }
}
