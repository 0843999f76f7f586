using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace HistoryGraph.Bench.Queries;

/// A deterministic OpenMetadata-shaped change history: the same seed and size give the same
/// deliveries byte for byte. About one entity per ten events, each with 1 to 19 events: tables
/// (5 to 50 columns, some names with dots) in 200 schemas of 40 databases of 10 services,
/// dashboards, pipelines, topics and glossary terms. Every event carries the whole entity as a
/// JSON string, as OpenMetadata sends it; updates carry a changeDescription (description, tags,
/// owners, a column's description, tier); 2% of entities end soft-deleted, 0.5% hard-deleted.
/// 200 users and 5 bots; 180 days of history (or as many as asked) in time order.
public sealed class OpenMetadataHistory
{
    public static readonly DateTime End = new(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc);
    public static readonly string[] Bots = ["ingestion-bot", "profiler-bot", "lineage-bot", "usage-bot", "autoclassification-bot"];
    private static readonly string[] ColumnTypes = ["BIGINT", "VARCHAR", "TIMESTAMP", "DECIMAL", "BOOLEAN", "INT", "DATE", "JSON"];
    private static readonly string[] Tags = ["PII.Sensitive", "PII.NonSensitive", "Tier.Tier1", "Tier.Tier2", "Tier.Tier3", "Finance.Revenue", "Marketing.Campaign", "Quality.Verified"];

    private readonly int _seed;
    private readonly (long Ticks, int Entity, byte Step)[] _order;

    /// How long the history lasts, ending at End.
    public TimeSpan Span { get; }

    public int EntityCount { get; }
    public int EventCount => _order.Length;

    public OpenMetadataHistory(int events, int seed = 42, int days = 180)
    {
        _seed = seed;
        Span = TimeSpan.FromDays(days);
        var order = new List<(long, int, byte)>(events + 20);
        var start = (End - Span).Ticks;
        var entity = 0;
        for (; order.Count < events; entity++)
        {
            var steps = StepCount(entity);
            // Created in the first 60% of the span; each later step at a random moment of its
            // own share of the time left, so that steps are in order and reach the end.
            var created = start + (long)(Unit(entity, 1) * 0.6 * Span.Ticks);
            var slice = (End.Ticks - created) / Math.Max(1, steps - 1);
            for (var step = 0; step < steps && order.Count < events; step++)
            {
                var at = step == 0 ? created : created + (step - 1) * slice + 1 + (long)(Unit(entity, 100 + step) * (slice - 2));
                order.Add((at, entity, (byte)step));
            }
        }
        EntityCount = entity;
        order.Sort((a, b) => a.Item1 != b.Item1 ? a.Item1.CompareTo(b.Item1) : a.Item2 != b.Item2 ? a.Item2.CompareTo(b.Item2) : a.Item3.CompareTo(b.Item3));
        _order = [.. order];
    }

    /// The i-th delivery in time order: one event, as OpenMetadata's webhook sends it.
    public byte[] Delivery(int index)
    {
        var (ticks, entity, step) = _order[index];
        return Event(entity, step, new DateTime(ticks, DateTimeKind.Utc));
    }

    public int StepCount(int entity) => 1 + (int)(Hash(entity, 0) % 19);

    public string EntityType(int entity) => (Hash(entity, 2) % 100) switch
    {
        < 70 => "table",
        < 78 => "dashboard",
        < 86 => "pipeline",
        < 94 => "topic",
        _ => "glossaryTerm",
    };

    public Guid EntityId(int entity) => GuidOf(entity, 3);

    /// The schema (0-199) a table lives in; its fqn prefix is Service.Database.Schema.
    public static string SchemaPrefix(int schema) => $"svc_{schema / 20}.db_{schema / 5}.schema_{schema}";

    public string Fqn(int entity)
    {
        var type = EntityType(entity);
        var h = Hash(entity, 4);
        return type switch
        {
            // OpenMetadata quotes a name that holds a dot.
            "table" => $"{SchemaPrefix((int)(h % 200))}.{(entity % 25 == 0 ? $"\"orders.v{entity}\"" : $"table_{entity}")}",
            "dashboard" => $"superset_{h % 3}.dashboard_{entity}",
            "pipeline" => $"airflow_{h % 2}.pipeline_{entity}",
            "topic" => $"kafka_{h % 2}.topic_{entity}",
            _ => $"Glossary_{h % 5}.term_{entity}",
        };
    }

    private int Columns(int entity) => 5 + (int)(Hash(entity, 5) % 46);

    private string EventType(int entity, int step)
    {
        if (step == 0)
            return "entityCreated";
        if (step == StepCount(entity) - 1 && StepCount(entity) > 2)
        {
            var end = Hash(entity, 6) % 1000;
            if (end < 20)
                return "entitySoftDeleted";
            if (end < 25)
                return "entityDeleted";
        }
        return "entityUpdated";
    }

    private string UserName(int entity, int step)
    {
        var h = Hash(entity, 200 + step);
        if (step == 0)
            return h % 10 < 8 ? "ingestion-bot" : $"user_{h % 200}";
        return h % 10 < 3 ? Bots[h % (ulong)Bots.Length] : $"user_{h % 200}";
    }

    /// What an update changes: 0 description, 1 tags, 2 owners, 3 a column's description, 4 tier.
    private int ChangeKind(int entity, int step)
    {
        var kind = (int)(Hash(entity, 300 + step) % 5);
        return kind == 3 && EntityType(entity) != "table" ? 0 : kind;
    }

    /// The entity's state after a step: the step at which each kind last changed.
    private sealed record State(int Step, int Description, int Tags, int Owner, int Column, int Tier);

    private State StateAt(int entity, int step)
    {
        var s = new State(step, 0, 0, 0, -1, 0);
        for (var k = 1; k <= step; k++)
        {
            s = ChangeKind(entity, k) switch
            {
                0 => s with { Description = k },
                1 => s with { Tags = k },
                2 => s with { Owner = k },
                3 => s with { Column = ChangedColumn(entity, k) },
                _ => s with { Tier = k },
            };
        }
        return s;
    }

    private int ChangedColumn(int entity, int step) => (int)(Hash(entity, 400 + step) % (ulong)Columns(entity));

    /// The step at which a column's description last changed, up to a step (0: never).
    private int ColumnRevision(int entity, int column, int step)
    {
        for (var k = step; k > 0; k--)
        {
            if (ChangeKind(entity, k) == 3 && ChangedColumn(entity, k) == column)
                return k;
        }
        return 0;
    }

    private byte[] Event(int entity, int step, DateTime at)
    {
        var type = EventType(entity, step);
        var user = UserName(entity, step);
        var state = StateAt(entity, step);
        var version = 0.1m + 0.1m * step;
        var millis = new DateTimeOffset(at).ToUnixTimeMilliseconds();

        var buffer = new ArrayBufferWriter<byte>(8192);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("id", GuidOf(entity, 1000 + step));
            w.WriteString("eventType", type);
            w.WriteString("entityType", EntityType(entity));
            w.WriteString("entityId", EntityId(entity));
            w.WriteString("entityFullyQualifiedName", Fqn(entity));
            w.WriteString("userName", user);
            w.WriteNumber("timestamp", millis);
            w.WriteNumber("previousVersion", step == 0 ? version : version - 0.1m);
            w.WriteNumber("currentVersion", version);
            if (step > 0)
            {
                w.WritePropertyName("changeDescription");
                ChangeDescription(w, entity, step, type, StateAt(entity, step - 1), state, version - 0.1m);
            }
            w.WriteString("entity", EntityJson(entity, state, version, millis, user, deleted: type == "entitySoftDeleted"));
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private void ChangeDescription(Utf8JsonWriter w, int entity, int step, string type, State before, State after, decimal previous)
    {
        w.WriteStartObject();
        var added = new List<(string Name, string? Old, string? New)>();
        var updated = new List<(string Name, string? Old, string? New)>();
        var deleted = new List<(string Name, string? Old, string? New)>();
        if (type == "entitySoftDeleted")
            updated.Add(("deleted", "false", "true"));
        else if (type == "entityUpdated")
        {
            switch (ChangeKind(entity, step))
            {
                case 0:
                    updated.Add(("description", Description(entity, before.Description), Description(entity, after.Description)));
                    break;
                case 1:
                    added.Add(("tags", null, TagsJson(entity, after.Tags, onlyNew: true)));
                    break;
                case 2:
                    updated.Add(("owners", OwnersJson(entity, before.Owner), OwnersJson(entity, after.Owner)));
                    break;
                case 3:
                    var column = ColumnName(entity, after.Column);
                    var name = column.Contains('.') ? $"columns.\"{column}\".description" : $"columns.{column}.description";
                    updated.Add((name, ColumnDescription(entity, after.Column, ColumnRevision(entity, after.Column, step - 1)), ColumnDescription(entity, after.Column, step)));
                    break;
                default:
                    // A new tier: OpenMetadata reports the tier tag removed and the new one added.
                    deleted.Add(("tags", $"[{TierLabel(before.Tier)}]", null));
                    added.Add(("tags", null, $"[{TierLabel(after.Tier)}]"));
                    break;
            }
        }
        Changes(w, "fieldsAdded", added);
        Changes(w, "fieldsUpdated", updated);
        Changes(w, "fieldsDeleted", deleted);
        w.WriteNumber("previousVersion", previous);
        w.WriteEndObject();

        static void Changes(Utf8JsonWriter w, string list, List<(string Name, string? Old, string? New)> changes)
        {
            w.WriteStartArray(list);
            foreach (var (name, old, value) in changes)
            {
                w.WriteStartObject();
                w.WriteString("name", name);
                if (old is not null)
                    w.WriteString("oldValue", old);
                if (value is not null)
                    w.WriteString("newValue", value);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
    }

    private string EntityJson(int entity, State state, decimal version, long millis, string user, bool deleted)
    {
        var fqn = Fqn(entity);
        var type = EntityType(entity);
        var name = fqn[(fqn.LastIndexOf('.') + 1)..].Trim('"');
        var buffer = new ArrayBufferWriter<byte>(8192);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("id", EntityId(entity));
            w.WriteString("name", name);
            w.WriteString("displayName", name.Replace('_', ' '));
            w.WriteString("fullyQualifiedName", fqn);
            w.WriteString("description", Description(entity, state.Description));
            w.WriteNumber("version", version);
            w.WriteNumber("updatedAt", millis);
            w.WriteString("updatedBy", user);
            w.WriteString("href", $"http://openmetadata:8585/api/v1/{type}s/{EntityId(entity)}");
            w.WritePropertyName("owners");
            w.WriteRawValue(OwnersJson(entity, state.Owner));
            w.WritePropertyName("tags");
            w.WriteRawValue(TagsJson(entity, state.Tags, onlyNew: false, tier: state.Tier));
            var service = fqn[..fqn.IndexOf('.')];
            w.WriteStartObject("service");
            w.WriteString("id", GuidOf(StableHash(service), 7));
            w.WriteString("type", type switch { "table" => "databaseService", "dashboard" => "dashboardService", "pipeline" => "pipelineService", "topic" => "messagingService", _ => "glossary" });
            w.WriteString("name", service);
            w.WriteString("fullyQualifiedName", service);
            w.WriteEndObject();
            switch (type)
            {
                case "table":
                    w.WriteString("tableType", "Regular");
                    w.WriteString("serviceType", "Postgres");
                    w.WriteStartArray("columns");
                    for (var c = 0; c < Columns(entity); c++)
                    {
                        var column = ColumnName(entity, c);
                        var dataType = ColumnTypes[Hash(entity, 500 + c) % (ulong)ColumnTypes.Length];
                        w.WriteStartObject();
                        w.WriteString("name", column);
                        w.WriteString("dataType", dataType);
                        w.WriteString("dataTypeDisplay", dataType.ToLowerInvariant());
                        w.WriteString("description", ColumnDescription(entity, c, ColumnRevision(entity, c, state.Step)));
                        w.WriteString("fullyQualifiedName", column.Contains('.') ? $"{fqn}.\"{column}\"" : $"{fqn}.{column}");
                        w.WriteStartArray("tags");
                        if (c % 4 == 0)
                            w.WriteRawValue("""{"tagFQN":"PII.Sensitive","source":"Classification","labelType":"Manual","state":"Confirmed"}""");
                        w.WriteEndArray();
                        w.WriteNumber("ordinalPosition", c + 1);
                        if (dataType == "VARCHAR")
                            w.WriteNumber("dataLength", 255);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    break;
                case "dashboard":
                    w.WriteString("sourceUrl", $"http://superset:8088/superset/dashboard/{entity}/");
                    w.WriteStartArray("charts");
                    for (var c = 0; c < 3 + entity % 6; c++)
                        w.WriteRawValue($$"""{"id":"{{GuidOf(entity, 600 + c)}}","type":"chart","name":"chart_{{entity}}_{{c}}","fullyQualifiedName":"{{service}}.chart_{{entity}}_{{c}}","deleted":false}""");
                    w.WriteEndArray();
                    break;
                case "pipeline":
                    w.WriteString("sourceUrl", $"http://airflow:8080/dags/pipeline_{entity}");
                    w.WriteStartArray("tasks");
                    for (var t = 0; t < 2 + entity % 8; t++)
                        w.WriteRawValue($$"""{"name":"task_{{t}}","displayName":"Task {{t}}","taskType":"PythonOperator","downstreamTasks":["task_{{t + 1}}"],"description":"Step {{t}} of the nightly load","tags":[]}""");
                    w.WriteEndArray();
                    break;
                case "topic":
                    w.WriteNumber("partitions", 1 + entity % 12);
                    w.WriteString("cleanupPolicies", "delete");
                    w.WriteNumber("replicationFactor", 3);
                    w.WriteStartObject("messageSchema");
                    w.WriteString("schemaType", "Avro");
                    w.WriteString("schemaText", $$"""{"type":"record","name":"Event{{entity}}","fields":[{"name":"id","type":"long"},{"name":"payload","type":"string"},{"name":"at","type":"long"}]}""");
                    w.WriteEndObject();
                    break;
                default:
                    w.WriteStartObject("glossary");
                    w.WriteString("id", GuidOf(StableHash(service), 8));
                    w.WriteString("type", "glossary");
                    w.WriteString("name", service);
                    w.WriteEndObject();
                    w.WriteStartArray("synonyms");
                    w.WriteStringValue($"{name} synonym");
                    w.WriteEndArray();
                    break;
            }
            w.WriteBoolean("deleted", deleted);
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private string ColumnName(int entity, int column) => entity % 10 == 0 && column % 7 == 3 ? $"address.line_{column}" : $"column_{column}";

    private static string Description(int entity, int revision) =>
        revision == 0 ? $"Rows of entity {entity} as loaded from the operational store." : $"Rows of entity {entity}, curated by the data team (revision {revision}).";

    private static string ColumnDescription(int entity, int column, int revision) =>
        revision == 0 ? $"What column {column} of entity {entity} holds." : $"What column {column} of entity {entity} holds, as its owners describe it (revision {revision}).";

    private string OwnersJson(int entity, int revision)
    {
        var user = $"user_{Hash(entity, 700 + revision) % 200}";
        return $$"""[{"id":"{{GuidOf((int)(Hash(entity, 700 + revision) % 200), 9)}}","type":"user","name":"{{user}}","fullyQualifiedName":"{{user}}","deleted":false}]""";
    }

    private string TagsJson(int entity, int revision, bool onlyNew, int tier = 0)
    {
        var tag = Tags[Hash(entity, 800 + revision) % (ulong)Tags.Length];
        var label = $$"""{"tagFQN":"{{tag}}","source":"Classification","labelType":"Manual","state":"Confirmed"}""";
        if (onlyNew)
            return $"[{label}]";
        return revision == 0 ? $"[{TierLabel(tier)}]" : $"[{TierLabel(tier)},{label}]";
    }

    private static string TierLabel(int tier) =>
        $$"""{"tagFQN":"Tier.Tier{{1 + tier % 3}}","source":"Classification","labelType":"Manual","state":"Confirmed"}""";

    // string.GetHashCode differs from process to process.
    private static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
            hash = (hash ^ c) * 16777619u;
        return (int)hash;
    }

    private double Unit(int entity, int salt) => (Hash(entity, salt) >> 11) * (1.0 / (1UL << 53));

    private Guid GuidOf(int entity, int salt)
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, Hash(entity, salt));
        BitConverter.TryWriteBytes(bytes[8..], Hash(entity, salt + 1_000_000));
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    // SplitMix64 of (seed, entity, salt): cheap, well mixed, the same on every machine.
    private ulong Hash(int entity, int salt)
    {
        var z = (ulong)_seed * 0x9E3779B97F4A7C15UL ^ (ulong)(uint)entity * 0xBF58476D1CE4E5B9UL ^ (ulong)(uint)salt * 0x94D049BB133111EBUL;
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{EventCount} events, {EntityCount} entities");
}
