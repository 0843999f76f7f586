using System.Text.Json;
using HistoryGraph.Ingestion.OpenMetadata;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Ingestion.History;

/// Puts a field path into a category people can filter on. The rules, in order:
/// `deleted` is DELETION; `extension.*` CUSTOM_PROPERTY; followers FOLLOWERS; owner(s) OWNERS;
/// domain(s) DOMAIN; a tag list TIER when it holds a Tier.* tag, GLOSSARY when every tag comes
/// from a glossary, else TAGS; description DESCRIPTION; displayName DISPLAY_NAME; anything
/// under a schema field (columns, dataModel, schemaFields, ...) SCHEMA; glossary-specific fields
/// and any other field of a glossary or glossary term GLOSSARY; the rest OTHER.
public static class FieldChangeClassifier
{
    private static readonly HashSet<string> SchemaRoots =
    [
        "columns", "dataModel", "schemaFields", "messageSchema", "tableConstraints", "tablePartition",
        "schemaDefinition", "requestSchema", "responseSchema", "fields", "dataType", "dataTypeDisplay",
    ];

    private static readonly HashSet<string> GlossaryFields =
        ["synonyms", "relatedTerms", "reviewers", "references", "glossary", "mutuallyExclusive"];

    public static FieldClassification Classify(string path, string entityType, string? oldJson, string? newJson)
    {
        var parts = FieldPath.Split(path);
        var leaf = parts[^1];
        var (field, column) = parts.Count switch
        {
            3 when parts[0] == "columns" => (leaf, parts[1]),
            > 3 when parts[0] == "columns" => (leaf, FieldPath.Join(parts.Skip(1).Take(parts.Count - 2))),
            2 when parts[0] == "columns" => ("columns", parts[1]),
            _ => (leaf, (string?)null),
        };
        return new FieldClassification(Category(parts, leaf, entityType, oldJson, newJson), field, column);
    }

    private static FieldCategory Category(IReadOnlyList<string> parts, string leaf, string entityType, string? oldJson, string? newJson)
    {
        if (parts is ["deleted"])
            return FieldCategory.Deletion;
        if (parts[0] == "extension")
            return FieldCategory.CustomProperty;
        return leaf switch
        {
            "followers" => FieldCategory.Followers,
            "owners" or "owner" => FieldCategory.Owners,
            "domain" or "domains" => FieldCategory.Domain,
            "tags" => TagCategory(oldJson, newJson),
            "description" => FieldCategory.Description,
            "displayName" => FieldCategory.DisplayName,
            _ when SchemaRoots.Contains(parts[0]) => FieldCategory.Schema,
            _ when GlossaryFields.Contains(leaf) || entityType is "glossary" or "glossaryTerm" => FieldCategory.Glossary,
            _ => FieldCategory.Other,
        };
    }

    private static FieldCategory TagCategory(string? oldJson, string? newJson)
    {
        var labels = TagLabels(oldJson).Concat(TagLabels(newJson)).ToList();
        if (labels.Any(l => l.Fqn?.StartsWith("Tier.", StringComparison.Ordinal) == true))
            return FieldCategory.Tier;
        if (labels.Count > 0 && labels.All(l => l.Source == "Glossary"))
            return FieldCategory.Glossary;
        return FieldCategory.Tags;
    }

    private static IEnumerable<(string? Fqn, string? Source)> TagLabels(string? json)
    {
        if (json is null)
            return [];
        try
        {
            using var doc = JsonDocument.Parse(FieldValue.Decode(json));
            var root = doc.RootElement;
            var items = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToList() : [root];
            return items
                .Where(i => i.ValueKind == JsonValueKind.Object)
                .Select(i => (JsonValues.String(i, "tagFQN"), JsonValues.String(i, "source")))
                .ToList();
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
