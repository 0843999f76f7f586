using System.Text.Json;
using HistoryGraph.Ingestion.OpenMetadata;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Ingestion.History;

/// Derives field changes from two entity snapshots, in the shape OpenMetadata's own
/// changeDescription uses: named items of a list (columns and their children, tasks, schema
/// fields) are matched by name at every level and recursed into as `columns.<name>.<field>`
/// (a nested column as `columns.<parent>.<child>.<field>`), so
/// a reordered list is no change; an item whose name changed but whose id stayed is the same item
/// (`columns.<old name>.name` updated), without an id it is a removal and an addition; tag,
/// owner and other reference lists are sets that report only the items added or removed;
/// entity references and other values are compared whole. Volatile and bookkeeping fields
/// (SnapshotFields) are left out.
public static class SnapshotDiff
{
    public static IReadOnlyList<FieldChangeMessage> Diff(string oldJson, string newJson)
    {
        using var oldDoc = JsonDocument.Parse(oldJson);
        using var newDoc = JsonDocument.Parse(newJson);
        return Diff(oldDoc.RootElement, newDoc.RootElement);
    }

    public static IReadOnlyList<FieldChangeMessage> Diff(JsonElement older, JsonElement newer)
    {
        var changes = new List<FieldChangeMessage>();
        DiffObjects("", older, newer, changes);
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
            if (path.Length == 0 && (SnapshotFields.Volatile.Contains(name) || SnapshotFields.Bookkeeping.Contains(name)))
                continue;
            // A nested column's children are named under the column itself, as OpenMetadata
            // names them: `columns.address.city.dataType`, not `columns.address.children.city...`.
            var fieldPath = name == "children" && path.Length > 0 ? path : FieldPath.Append(path, name);
            DiffValues(fieldPath, SnapshotFields.Get(older, name), SnapshotFields.Get(newer, name), changes);
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
        if (o.ValueKind == JsonValueKind.Object && n.ValueKind == JsonValueKind.Object && !SnapshotFields.IsReference(o) && !SnapshotFields.IsReference(n))
            DiffObjects(path, o, n, changes);
        else if (o.ValueKind == JsonValueKind.Array && n.ValueKind == JsonValueKind.Array && SnapshotFields.ItemKey(o, n) is { } key)
            DiffLists(path, o, n, key, changes);
        else
            changes.Add(new(path, ChangeType.Updated, o.GetRawText(), n.GetRawText()));
    }

    private static void DiffLists(string path, JsonElement older, JsonElement newer, string key, List<FieldChangeMessage> changes)
    {
        var oldItems = SnapshotFields.Keyed(older, key, out _).ToDictionary(i => i.Key, i => i.Value, StringComparer.Ordinal);
        var newItems = SnapshotFields.Keyed(newer, key, out _);
        var newKeys = newItems.Select(i => i.Key).ToHashSet(StringComparer.Ordinal);
        var removed = oldItems.Where(i => !newKeys.Contains(i.Key)).Select(i => i.Value).ToList();
        var added = newItems.Where(i => !oldItems.ContainsKey(i.Key)).Select(i => i.Value).ToList();

        // Items that are more than a reference are recursed into, under their name.
        var recurse = key == "name" || (key == "id" && !newItems.Any(i => SnapshotFields.IsReference(i.Value)) && !removed.Any(SnapshotFields.IsReference));
        var matched = new List<(string Name, JsonElement Before, JsonElement After)>();
        if (recurse)
        {
            foreach (var (itemKey, item) in newItems)
            {
                if (oldItems.TryGetValue(itemKey, out var before))
                    matched.Add((NameOf(before) ?? itemKey, before, item));
            }
            if (key == "name")
                MatchRenamed(removed, added, matched);
        }

        if (added.Count > 0)
            changes.Add(new(path, ChangeType.Added, null, ArrayOf(added)));
        foreach (var (name, before, after) in matched)
            DiffValues(FieldPath.Append(path, name), before, after, changes);
        if (removed.Count > 0)
            changes.Add(new(path, ChangeType.Deleted, ArrayOf(removed), null));
    }

    /// A removed and an added item with the same id are one item renamed.
    private static void MatchRenamed(List<JsonElement> removed, List<JsonElement> added, List<(string, JsonElement, JsonElement)> matched)
    {
        foreach (var before in removed.ToList())
        {
            if (SnapshotFields.Get(before, "id") is not { ValueKind: JsonValueKind.String } id)
                continue;
            var index = added.FindIndex(a => SnapshotFields.Get(a, "id") is { ValueKind: JsonValueKind.String } other && other.ValueEquals(id.GetString()));
            if (index < 0)
                continue;
            matched.Add((NameOf(before)!, before, added[index]));
            removed.Remove(before);
            added.RemoveAt(index);
        }
    }

    private static string? NameOf(JsonElement item) =>
        SnapshotFields.Get(item, "name") is { ValueKind: JsonValueKind.String } name ? name.GetString() : null;

    private static string ArrayOf(IEnumerable<JsonElement> items) => "[" + string.Join(",", items.Select(i => i.GetRawText())) + "]";
}
