using System.Text;
using System.Text.Json;

namespace HistoryGraph.Ingestion.History;

/// An RFC 6902 JSON Patch that turns one entity snapshot into another, apart from the volatile
/// fields (SnapshotFields.Volatile): those of the older snapshot are removed and the newer's
/// are not added. Lists whose items have keys (SnapshotDiff's) are patched item by item, with
/// `move` for a reordered item and a patch of its fields for a changed one, so that a patch stays
/// the size of the change; other values that differ are replaced whole.
public static class SnapshotPatch
{
    /// The patch as a JSON array of operations.
    public static string Create(JsonElement older, JsonElement newer)
    {
        var operations = new List<string>();
        foreach (var property in older.EnumerateObject())
        {
            if (SnapshotFields.Volatile.Contains(property.Name))
                operations.Add(Operation("remove", Pointer("", property.Name)));
        }
        PatchObject("", older, newer, operations, skipVolatile: true);
        return "[" + string.Join(",", operations) + "]";
    }

    private static void PatchValue(string pointer, JsonElement older, JsonElement newer, List<string> operations)
    {
        if (JsonElement.DeepEquals(older, newer))
            return;
        if (older.ValueKind == JsonValueKind.Object && newer.ValueKind == JsonValueKind.Object)
            PatchObject(pointer, older, newer, operations, skipVolatile: false);
        else if (older.ValueKind == JsonValueKind.Array && newer.ValueKind == JsonValueKind.Array && ItemKeys(older, newer) is ({ } oldItems, { } newItems))
            PatchList(pointer, oldItems, newItems, operations);
        else
            operations.Add(Operation("replace", pointer, value: newer));
    }

    private static void PatchObject(string pointer, JsonElement older, JsonElement newer, List<string> operations, bool skipVolatile)
    {
        foreach (var property in older.EnumerateObject())
        {
            if (!(skipVolatile && SnapshotFields.Volatile.Contains(property.Name)) && !newer.TryGetProperty(property.Name, out _))
                operations.Add(Operation("remove", Pointer(pointer, property.Name)));
        }
        foreach (var property in newer.EnumerateObject())
        {
            if (skipVolatile && SnapshotFields.Volatile.Contains(property.Name))
                continue;
            if (older.TryGetProperty(property.Name, out var before))
                PatchValue(Pointer(pointer, property.Name), before, property.Value, operations);
            else
                operations.Add(Operation("add", Pointer(pointer, property.Name), value: property.Value));
        }
    }

    /// Removes the items that went, then walks the newer list: an item in place is patched, one
    /// further down is moved up to its place first, a new one is added there.
    private static void PatchList(string pointer, List<KeyValuePair<string, JsonElement>> oldItems, List<KeyValuePair<string, JsonElement>> newItems, List<string> operations)
    {
        var newKeys = newItems.Select(i => i.Key).ToHashSet(StringComparer.Ordinal);
        var current = oldItems.ToList();
        for (var i = current.Count - 1; i >= 0; i--)
        {
            if (newKeys.Contains(current[i].Key))
                continue;
            operations.Add(Operation("remove", Index(pointer, i)));
            current.RemoveAt(i);
        }
        for (var i = 0; i < newItems.Count; i++)
        {
            var (key, item) = newItems[i];
            var at = current.FindIndex(i, c => c.Key == key);
            if (at < 0)
            {
                operations.Add(Operation("add", Index(pointer, i), value: item));
                current.Insert(i, newItems[i]);
                continue;
            }
            if (at != i)
            {
                operations.Add(Operation("move", Index(pointer, i), from: Index(pointer, at)));
                var moved = current[at];
                current.RemoveAt(at);
                current.Insert(i, moved);
            }
            PatchValue(Index(pointer, i), current[i].Value, item, operations);
        }
    }

    /// Both lists' items by key, when they have keys and no key repeats; else nulls (replaced whole).
    private static (List<KeyValuePair<string, JsonElement>>?, List<KeyValuePair<string, JsonElement>>?) ItemKeys(JsonElement older, JsonElement newer)
    {
        if (SnapshotFields.ItemKey(older, newer) is not { } key)
            return (null, null);
        var oldItems = SnapshotFields.Keyed(older, key, out var oldUnique);
        var newItems = SnapshotFields.Keyed(newer, key, out var newUnique);
        return oldUnique && newUnique ? (oldItems, newItems) : (null, null);
    }

    private static string Operation(string op, string path, string? from = null, JsonElement? value = null)
    {
        var json = new StringBuilder("{\"op\":\"").Append(op).Append("\",");
        if (from is not null)
            json.Append("\"from\":").Append(JsonSerializer.Serialize(from)).Append(',');
        json.Append("\"path\":").Append(JsonSerializer.Serialize(path));
        if (value is { } v)
            json.Append(",\"value\":").Append(v.GetRawText());
        return json.Append('}').ToString();
    }

    /// RFC 6901: `~` is written `~0` and `/` is written `~1`.
    private static string Pointer(string parent, string name) => parent + "/" + name.Replace("~", "~0").Replace("/", "~1");

    private static string Index(string parent, int index) => parent + "/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
