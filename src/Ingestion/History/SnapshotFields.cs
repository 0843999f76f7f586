using System.Text.Json;

namespace HistoryGraph.Ingestion.History;

/// What SnapshotDiff and SnapshotPatch agree on about an OpenMetadata entity snapshot: which
/// top-level fields are bookkeeping, and how the items of a list are told apart.
public static class SnapshotFields
{
    /// Top-level fields that change with every version and say nothing about the asset: left out
    /// of diffs and patches alike (a patch removes them from the older snapshot).
    public static IReadOnlySet<string> Volatile { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "version", "updatedAt", "updatedBy", "href", "changeDescription", "incrementalChangeDescription",
    };

    /// Top-level fields that are not volatile but not a change to the asset either: kept by a
    /// patch (it rebuilds the newer snapshot) and left out of the list of changes.
    public static IReadOnlySet<string> Bookkeeping { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "usageSummary", "changeSummary",
    };

    /// The property that identifies the items of two versions of a list (tags by tagFQN, entity
    /// references by id, columns, tasks and schema fields by name), an empty string for a list of
    /// strings or numbers (the item is its own key), or null when the list is one value.
    public static string? ItemKey(JsonElement older, JsonElement newer)
    {
        var items = older.EnumerateArray().Concat(newer.EnumerateArray()).ToList();
        if (items.Count == 0)
            return null;
        if (items.All(i => i.ValueKind is JsonValueKind.String or JsonValueKind.Number))
            return "";
        if (items.Any(i => i.ValueKind != JsonValueKind.Object))
            return null;
        foreach (var property in new[] { "tagFQN", "id", "name" })
        {
            if (items.All(i => Get(i, property) is { ValueKind: JsonValueKind.String }))
                return property;
        }
        return null;
    }

    /// The items of a list by their key, in the list's order, the first of any that share a key;
    /// unique says whether none did.
    public static List<KeyValuePair<string, JsonElement>> Keyed(JsonElement list, string key, out bool unique)
    {
        var items = new List<KeyValuePair<string, JsonElement>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        unique = true;
        foreach (var item in list.EnumerateArray())
        {
            var itemKey = key.Length == 0 ? item.GetRawText() : item.GetProperty(key).GetString()!;
            if (seen.Add(itemKey))
                items.Add(new(itemKey, item));
            else
                unique = false;
        }
        return items;
    }

    /// An entity reference ({id, type, name, ...}) is one value: a different owner, not an owner
    /// whose id changed.
    public static bool IsReference(JsonElement e) =>
        Get(e, "id") is { ValueKind: JsonValueKind.String } && Get(e, "type") is { ValueKind: JsonValueKind.String };

    /// A property's value, or null when it is missing or JSON null.
    public static JsonElement? Get(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;
}
