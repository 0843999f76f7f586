using System.Text.Json;
using HistoryGraph.Ingestion.OpenMetadata;

namespace HistoryGraph.Ingestion.History;

/// The leaves of an entity snapshot that people ask "who set this?" about: description, display
/// name, owners, tags, tier, domain, and each column's (nested ones too) description, tags,
/// data type and constraint, by OpenMetadata's field path. Each leaf has its value as the
/// snapshot holds it and a comparison key: lists are sets (tags by tagFQN, references by id),
/// so a reordered list is the same value.
public static class SnapshotLeaves
{
    public sealed record Leaf(string Path, string? Column, string Field, string ValueJson, string Key);

    public static IReadOnlyList<Leaf> Of(string snapshotJson)
    {
        using var document = JsonDocument.Parse(snapshotJson);
        var root = document.RootElement;
        var leaves = new List<Leaf>();
        if (root.ValueKind != JsonValueKind.Object)
            return leaves;
        AddScalar(leaves, root, "description", "description", null);
        AddScalar(leaves, root, "displayName", "displayName", null);
        AddSet(leaves, root, "owners", "owners", null, "id");
        // Releases before owners had a single owner.
        if (!root.TryGetProperty("owners", out _))
            AddSet(leaves, root, "owner", "owner", null, "id");
        AddTags(leaves, root, "", null);
        AddSet(leaves, root, "domains", "domains", null, "id");
        if (SnapshotFields.Get(root, "domain") is { } domain)
            leaves.Add(new Leaf("domain", null, "domain", domain.GetRawText(), ReferenceKey(domain)));
        if (SnapshotFields.Get(root, "columns") is { ValueKind: JsonValueKind.Array } columns)
            AddColumns(leaves, columns, "columns", "");
        return leaves;
    }

    private static void AddColumns(List<Leaf> leaves, JsonElement columns, string parentPath, string parentColumn)
    {
        foreach (var column in columns.EnumerateArray())
        {
            if (column.ValueKind != JsonValueKind.Object || SnapshotFields.Get(column, "name") is not { ValueKind: JsonValueKind.String } nameElement)
                continue;
            var name = nameElement.GetString()!;
            var path = FieldPath.Append(parentPath, name);
            var columnName = parentColumn.Length == 0 ? FieldPath.Quote(name) : parentColumn + "." + FieldPath.Quote(name);
            AddScalar(leaves, column, "description", path + ".description", columnName);
            AddTags(leaves, column, path + ".", columnName);
            AddScalar(leaves, column, "dataType", path + ".dataType", columnName);
            AddScalar(leaves, column, "constraint", path + ".constraint", columnName);
            // Children are named under their column, as OpenMetadata names them.
            if (SnapshotFields.Get(column, "children") is { ValueKind: JsonValueKind.Array } children)
                AddColumns(leaves, children, path, columnName);
        }
    }

    private static void AddScalar(List<Leaf> leaves, JsonElement owner, string property, string path, string? column)
    {
        if (SnapshotFields.Get(owner, property) is { } value)
            leaves.Add(new Leaf(path, column, property, value.GetRawText(), value.GetRawText()));
    }

    /// Tags without the tier, and the tier on its own (a Tier.* tag), so that a changed tier
    /// does not make every other tag look newly set.
    private static void AddTags(List<Leaf> leaves, JsonElement owner, string pathPrefix, string? column)
    {
        if (SnapshotFields.Get(owner, "tags") is not { ValueKind: JsonValueKind.Array } tags)
            return;
        var labels = tags.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.Object).ToList();
        bool IsTier(JsonElement t) => JsonValues.String(t, "tagFQN")?.StartsWith("Tier.", StringComparison.Ordinal) == true;
        var plain = labels.Where(t => !IsTier(t)).ToList();
        leaves.Add(new Leaf(pathPrefix + "tags", column, "tags", ArrayOf(plain), SetKey(plain, "tagFQN")));
        if (column is null && labels.FirstOrDefault(IsTier) is { ValueKind: JsonValueKind.Object } tier)
            leaves.Add(new Leaf("tier", null, "tier", tier.GetRawText(), JsonValues.String(tier, "tagFQN")!));
    }

    private static void AddSet(List<Leaf> leaves, JsonElement owner, string property, string path, string? column, string key)
    {
        if (SnapshotFields.Get(owner, property) is not { } value)
            return;
        var items = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToList() : [value];
        leaves.Add(new Leaf(path, column, path, value.GetRawText(), SetKey(items, key)));
    }

    private static string SetKey(IEnumerable<JsonElement> items, string key) =>
        string.Join("\n", items.Select(i => i.ValueKind == JsonValueKind.Object && JsonValues.String(i, key) is { } k ? k : i.GetRawText()).Order(StringComparer.Ordinal));

    private static string ReferenceKey(JsonElement reference) =>
        reference.ValueKind == JsonValueKind.Object && JsonValues.String(reference, "id") is { } id ? id : reference.GetRawText();

    private static string ArrayOf(IEnumerable<JsonElement> items) => "[" + string.Join(",", items.Select(i => i.GetRawText())) + "]";
}
