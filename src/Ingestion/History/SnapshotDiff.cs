using System.Text.Json;
using HistoryGraph.Ingestion.OpenMetadata;

namespace HistoryGraph.Ingestion.History;

/// Derives field changes from two entity snapshots, in the shape OpenMetadata's own
/// changeDescription uses: named children (columns, tasks) are recursed into as
/// `columns.<name>.<field>`; tag, owner and follower lists report only the items added or
/// removed; entity references and other values are compared whole.
public static class SnapshotDiff
{
    // Bookkeeping that changes with every version and says nothing about the asset.
    private static readonly HashSet<string> IgnoredTopLevel =
    [
        "version", "updatedAt", "updatedBy", "changeDescription", "incrementalChangeDescription",
        "href", "usageSummary", "changeSummary",
    ];

    public static IReadOnlyList<FieldChangeMessage> Diff(string oldJson, string newJson)
    {
        using var oldDoc = JsonDocument.Parse(oldJson);
        using var newDoc = JsonDocument.Parse(newJson);
        var changes = new List<FieldChangeMessage>();
        DiffObjects("", oldDoc.RootElement, newDoc.RootElement, changes);
        return changes;
    }

    private static void DiffObjects(string path, JsonElement older, JsonElement newer, List<FieldChangeMessage> changes)
    {
        // The newer snapshot's order first: it is the one as sent, while a stored baseline may
        // come back from jsonb with its keys reordered.
        var names = newer.EnumerateObject().Select(p => p.Name)
            .Concat(older.EnumerateObject().Select(p => p.Name))
            .Distinct();
        foreach (var name in names)
        {
            if (path.Length == 0 && IgnoredTopLevel.Contains(name))
                continue;
            DiffValues(FieldPath.Append(path, name), Get(older, name), Get(newer, name), changes);
        }
    }

    private static void DiffValues(string path, JsonElement? older, JsonElement? newer, List<FieldChangeMessage> changes)
    {
        switch (older, newer)
        {
            case (null, null):
                return;
            case (null, { } added):
                changes.Add(new(path, ChangeType.Added, null, added.GetRawText()));
                return;
            case ({ } removed, null):
                changes.Add(new(path, ChangeType.Deleted, removed.GetRawText(), null));
                return;
        }

        var (o, n) = (older!.Value, newer!.Value);
        if (JsonElement.DeepEquals(o, n))
            return;
        if (o.ValueKind == JsonValueKind.Object && n.ValueKind == JsonValueKind.Object && !IsReference(o) && !IsReference(n))
            DiffObjects(path, o, n, changes);
        else if (o.ValueKind == JsonValueKind.Array && n.ValueKind == JsonValueKind.Array && ItemKey(o, n) is { } key)
            DiffLists(path, o, n, key, changes);
        else
            changes.Add(new(path, ChangeType.Updated, o.GetRawText(), n.GetRawText()));
    }

    private static void DiffLists(string path, JsonElement older, JsonElement newer, ListKey key, List<FieldChangeMessage> changes)
    {
        var oldItems = Keyed(older, key);
        var newItems = Keyed(newer, key);
        var removed = oldItems.Where(i => !newItems.ContainsKey(i.Key)).Select(i => i.Value).ToList();
        var added = newItems.Where(i => !oldItems.ContainsKey(i.Key)).Select(i => i.Value).ToList();
        if (added.Count > 0)
            changes.Add(new(path, ChangeType.Added, null, ArrayOf(added)));
        if (key.Property == "name")
        {
            foreach (var (name, item) in newItems)
            {
                if (oldItems.TryGetValue(name, out var before))
                    DiffValues(FieldPath.Append(path, name), before, item, changes);
            }
        }
        if (removed.Count > 0)
            changes.Add(new(path, ChangeType.Deleted, ArrayOf(removed), null));
    }

    /// Which property identifies a list's items, or null when the list is compared whole.
    private static ListKey? ItemKey(JsonElement older, JsonElement newer)
    {
        var items = older.EnumerateArray().Concat(newer.EnumerateArray()).ToList();
        if (items.Count == 0)
            return null;
        if (items.All(i => i.ValueKind is JsonValueKind.String or JsonValueKind.Number))
            return new ListKey(null);
        if (items.Any(i => i.ValueKind != JsonValueKind.Object))
            return null;
        foreach (var property in new[] { "tagFQN", "id", "name" })
        {
            if (items.All(i => Get(i, property) is { ValueKind: JsonValueKind.String }))
                return new ListKey(property);
        }
        return null;
    }

    private static Dictionary<string, JsonElement> Keyed(JsonElement list, ListKey key)
    {
        var items = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var item in list.EnumerateArray())
            items.TryAdd(key.Property is null ? item.GetRawText() : item.GetProperty(key.Property).GetString()!, item);
        return items;
    }

    // An entity reference ({id, type, name, ...}) is one value: a different owner, not an
    // owner whose id changed.
    private static bool IsReference(JsonElement e) =>
        Get(e, "id") is { ValueKind: JsonValueKind.String } && Get(e, "type") is { ValueKind: JsonValueKind.String };

    private static JsonElement? Get(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    private static string ArrayOf(IEnumerable<JsonElement> items) => "[" + string.Join(",", items.Select(i => i.GetRawText())) + "]";

    private sealed record ListKey(string? Property);
}
