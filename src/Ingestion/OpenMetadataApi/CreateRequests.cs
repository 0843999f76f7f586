using System.Text.Json.Nodes;

namespace HistoryGraph.Ingestion.OpenMetadataApi;

/// OpenMetadata's create request for an entity, made from a snapshot of it: what `PUT
/// /v1/<collection>` takes to bring back a hard-deleted entity. Create requests accept a fixed
/// set of fields (their schemas forbid any other), name their container and related entities by
/// fully qualified name where the entity holds references, and take owners as references of id
/// and type. Releases differ (`owner` became `owners`, `domain` became `domains`): the request
/// follows the snapshot's own spelling, which is its release's. Null for types without a rule.
public static class CreateRequests
{
    private sealed record Rule(string[] Copied, string[] ByName, string[] ListsByName);

    // Fields copied as they are, references sent as their fully qualified name, lists of references as lists of names.
    private static readonly string[] Common = ["name", "displayName", "description", "extension", "sourceUrl", "lifeCycle", "sourceHash"];

    private static readonly Dictionary<string, Rule> Rules = new(StringComparer.Ordinal)
    {
        ["table"] = new(["tableType", "columns", "dataModel", "locationPath", "tableConstraints", "tablePartition", "schemaDefinition", "retentionPeriod", "fileFormat"],
            ["databaseSchema"], []),
        ["dashboard"] = new(["dashboardType", "dashboardUrl", "project"], ["service"], ["charts", "dataModels"]),
        ["chart"] = new(["chartType", "chartUrl"], ["service"], []),
        ["pipeline"] = new(["concurrency", "pipelineLocation", "startDate", "tasks", "scheduleInterval"], ["service"], []),
        ["topic"] = new(["messageSchema", "partitions", "cleanupPolicies", "replicationFactor", "retentionTime", "maximumMessageSize", "minimumInSyncReplicas",
            "retentionSize", "topicConfig"], ["service"], []),
        ["mlmodel"] = new(["algorithm", "mlFeatures", "mlHyperParameters", "target", "dashboard", "mlStore", "server"], ["service"], []),
        ["container"] = new(["dataModel", "prefix", "numberOfObjects", "size", "fileFormats", "fullPath"], ["service", "parent"], []),
        ["database"] = new(["default", "retentionPeriod"], ["service"], []),
        ["databaseSchema"] = new(["retentionPeriod"], ["database"], []),
        ["glossary"] = new(["mutuallyExclusive", "provider"], [], []),
        ["glossaryTerm"] = new(["synonyms", "references", "provider", "mutuallyExclusive", "style"], ["glossary", "parent"], ["relatedTerms"]),
    };

    public static bool Supports(string entityType) => Rules.ContainsKey(entityType);

    public static IReadOnlyCollection<string> EntityTypes => Rules.Keys;

    public static JsonObject? For(string entityType, JsonObject entity)
    {
        if (!Rules.TryGetValue(entityType, out var rule))
            return null;
        var request = new JsonObject();
        foreach (var field in Common.Concat(rule.Copied))
        {
            if (entity[field] is { } value)
                request[field] = field is "columns" ? Columns(value) : value.DeepClone();
        }
        foreach (var field in rule.ByName)
        {
            if (NameOf(entity[field]) is { } name)
                request[field] = name;
        }
        foreach (var field in rule.ListsByName)
        {
            if (entity[field] is JsonArray references)
                request[field] = new JsonArray([.. references.Select(NameOf).OfType<string>().Select(n => (JsonNode)n)]);
        }
        if (entity["tags"] is JsonArray tags)
            request["tags"] = Tags(tags);
        // Owners, reviewers and experts as references: id and type are what a create request reads.
        foreach (var field in new[] { "owners", "reviewers", "experts" })
        {
            if (entity[field] is JsonArray references)
                request[field] = new JsonArray([.. references.Select(Reference).OfType<JsonObject>()]);
        }
        if (Reference(entity["owner"]) is { } owner)
            request["owner"] = owner;
        if (NameOf(entity["domain"]) is { } domain)
            request["domain"] = domain;
        if (entity["domains"] is JsonArray domains)
            request["domains"] = new JsonArray([.. domains.Select(NameOf).OfType<string>().Select(n => (JsonNode)n)]);
        if (entity["dataProducts"] is JsonArray products)
            request["dataProducts"] = new JsonArray([.. products.Select(NameOf).OfType<string>().Select(n => (JsonNode)n)]);
        return request;
    }

    /// A reference's fully qualified name (or name); a plain string is one already.
    private static string? NameOf(JsonNode? reference) => reference switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonObject obj => (string?)obj["fullyQualifiedName"] ?? (string?)obj["name"],
        _ => null,
    };

    private static JsonObject? Reference(JsonNode? reference) =>
        reference is JsonObject obj && obj["id"] is { } id && obj["type"] is { } type ? new JsonObject { ["id"] = id.DeepClone(), ["type"] = type.DeepClone() } : null;

    /// Tag labels with what a label is made of; what OpenMetadata adds when it reads them (href, style, names) left out.
    private static JsonArray Tags(JsonArray tags) => new([.. tags.OfType<JsonObject>().Select(tag =>
    {
        var label = new JsonObject();
        foreach (var field in new[] { "tagFQN", "source", "labelType", "state" })
        {
            if (tag[field] is { } value)
                label[field] = value.DeepClone();
        }
        return label;
    })]);

    /// Columns as the entity holds them, without what profiling adds, nested children and tags cleaned the same way.
    private static JsonArray Columns(JsonNode columns) => new([.. (columns as JsonArray ?? []).OfType<JsonObject>().Select(column =>
    {
        var copy = new JsonObject();
        foreach (var (name, value) in column)
        {
            if (name is "profile" or "customMetrics" or "fullyQualifiedName")
                continue;
            copy[name] = name switch
            {
                "tags" when value is JsonArray tags => Tags(tags),
                "children" when value is JsonArray => Columns(value),
                _ => value?.DeepClone(),
            };
        }
        return copy;
    })]);
}
