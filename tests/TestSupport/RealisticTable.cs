using System.Text.Json.Nodes;

namespace HistoryGraph.TestSupport;

/// A table entity as OpenMetadata sends it in `entityCreated`: the whole entity, with 10 to 50
/// columns that have types, descriptions and tags, owners, tags, service, database and schema.
public static class RealisticTable
{
    private static readonly string[] Types = ["BIGINT", "VARCHAR", "TIMESTAMP", "DECIMAL", "BOOLEAN", "INT", "DATE", "JSON"];

    public static JsonObject Entity(string fqn, int columns, Random random)
    {
        var parts = fqn.Split('.');
        var list = new JsonArray();
        for (var c = 0; c < columns; c++)
        {
            var type = Types[random.Next(Types.Length)];
            var column = new JsonObject
            {
                ["name"] = $"column_{c}",
                ["displayName"] = $"Column {c}",
                ["dataType"] = type,
                ["dataTypeDisplay"] = type.ToLowerInvariant(),
                ["description"] = $"What column {c} of {parts[^1]} holds, as its owners describe it for the catalog's readers.",
                ["fullyQualifiedName"] = $"{fqn}.column_{c}",
                ["tags"] = c % 4 == 0
                    ? new JsonArray(new JsonObject { ["tagFQN"] = "PII.Sensitive", ["source"] = "Classification", ["labelType"] = "Manual", ["state"] = "Confirmed" })
                    : new JsonArray(),
                ["ordinalPosition"] = c + 1,
            };
            if (type == "VARCHAR")
                column["dataLength"] = 255;
            list.Add(column);
        }
        return new JsonObject
        {
            ["displayName"] = parts[^1],
            ["description"] = $"The {parts[^1]} table, loaded nightly from the operational store.",
            ["tableType"] = "Regular",
            ["columns"] = list,
            ["owners"] = new JsonArray(new JsonObject { ["id"] = Guid.NewGuid().ToString(), ["type"] = "team", ["name"] = "data-platform", ["fullyQualifiedName"] = "data-platform" }),
            ["tags"] = new JsonArray(new JsonObject { ["tagFQN"] = "Tier.Tier2", ["source"] = "Classification", ["labelType"] = "Manual", ["state"] = "Confirmed" }),
            ["service"] = new JsonObject { ["id"] = Guid.NewGuid().ToString(), ["type"] = "databaseService", ["name"] = parts[0], ["fullyQualifiedName"] = parts[0] },
            ["database"] = new JsonObject { ["id"] = Guid.NewGuid().ToString(), ["type"] = "database", ["fullyQualifiedName"] = string.Join('.', parts.Take(2)) },
            ["databaseSchema"] = new JsonObject { ["id"] = Guid.NewGuid().ToString(), ["type"] = "databaseSchema", ["fullyQualifiedName"] = string.Join('.', parts.Take(3)) },
            ["serviceType"] = "Mysql",
            ["href"] = $"http://openmetadata:8585/api/v1/tables/{Guid.NewGuid()}",
        };
    }
}
