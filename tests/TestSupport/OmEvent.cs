using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace HistoryGraph.TestSupport;

/// Builds ChangeEvent JSON the way OpenMetadata sends it: `entity` as a JSON string, list and
/// object field values as strings that hold JSON, epoch-millisecond timestamps.
public sealed record OmEvent
{
    public string? Id { get; init; } = Guid.NewGuid().ToString();
    public string EventType { get; init; } = "entityUpdated";
    public string EntityType { get; init; } = "table";
    public Guid EntityId { get; init; } = Guid.NewGuid();
    public string? Fqn { get; init; } = "mysql.shop.public.orders";
    public string? UserName { get; init; } = "admin";
    /// The bot or AI agent that made the change for UserName (newer releases), or none.
    public string? ImpersonatedBy { get; init; }
    public long Timestamp { get; init; } = 1_790_000_000_000;
    public decimal? PreviousVersion { get; init; }
    public decimal? CurrentVersion { get; init; } = 0.1m;
    public List<(string List, string Name, JsonNode? Old, JsonNode? New)> Changes { get; init; } = [];
    public bool WithChangeDescription { get; init; } = true;
    /// Properties of the embedded entity besides id, name, fqn, version, updatedAt/By; null sends no entity.
    public JsonObject? Entity { get; init; } = new();
    public bool EntityAsObject { get; init; }

    public static OmEvent Created(Guid entityId, string fqn, decimal version = 0.1m, long timestamp = 1_790_000_000_000) =>
        new() { EventType = "entityCreated", EntityId = entityId, Fqn = fqn, CurrentVersion = version, PreviousVersion = version, Timestamp = timestamp, WithChangeDescription = false };

    public OmEvent Next(string eventType = "entityUpdated", long minutesLater = 1, decimal step = 0.1m) => this with
    {
        Id = Guid.NewGuid().ToString(),
        EventType = eventType,
        PreviousVersion = CurrentVersion,
        CurrentVersion = CurrentVersion + step,
        Timestamp = Timestamp + minutesLater * 60_000,
        Changes = [],
        WithChangeDescription = true,
        Entity = (JsonObject?)Entity?.DeepClone(),
    };

    /// Sets an entity property and records the change the way OpenMetadata describes it.
    public OmEvent Set(string property, JsonNode? value)
    {
        var old = Entity?[property]?.DeepClone();
        var entity = (JsonObject)(Entity?.DeepClone() ?? new JsonObject());
        entity[property] = value?.DeepClone();
        var list = old is null ? "fieldsAdded" : value is null ? "fieldsDeleted" : "fieldsUpdated";
        return this with { Entity = entity, Changes = [.. Changes, (list, property, Wire(old), Wire(value))] };
    }

    public OmEvent Change(string list, string name, JsonNode? oldValue, JsonNode? newValue) =>
        this with { Changes = [.. Changes, (list, name, oldValue, newValue)] };

    public string ToJson()
    {
        var e = new JsonObject();
        if (Id is not null)
            e["id"] = Id;
        e["eventType"] = EventType;
        e["entityType"] = EntityType;
        e["entityId"] = EntityId.ToString();
        if (Fqn is not null)
            e["entityFullyQualifiedName"] = Fqn;
        if (UserName is not null)
            e["userName"] = UserName;
        e["timestamp"] = Timestamp;
        if (ImpersonatedBy is not null)
            e["impersonatedBy"] = ImpersonatedBy;
        if (PreviousVersion is not null)
            e["previousVersion"] = JsonValue.Create(PreviousVersion);
        if (CurrentVersion is not null)
            e["currentVersion"] = JsonValue.Create(CurrentVersion);
        if (WithChangeDescription)
        {
            var cd = new JsonObject { ["fieldsAdded"] = new JsonArray(), ["fieldsUpdated"] = new JsonArray(), ["fieldsDeleted"] = new JsonArray() };
            foreach (var (list, name, old, value) in Changes)
            {
                var change = new JsonObject { ["name"] = name };
                if (old is not null)
                    change["oldValue"] = old.DeepClone();
                if (value is not null)
                    change["newValue"] = value.DeepClone();
                ((JsonArray)cd[list]!).Add(change);
            }
            cd["previousVersion"] = JsonValue.Create(PreviousVersion);
            e["changeDescription"] = cd;
        }
        if (Entity is not null)
        {
            var entity = (JsonObject)Entity.DeepClone();
            entity["id"] = EntityId.ToString();
            entity["name"] ??= Fqn?.Split('.')[^1];
            entity["fullyQualifiedName"] = Fqn;
            entity["version"] = JsonValue.Create(CurrentVersion);
            entity["updatedAt"] = Timestamp;
            entity["updatedBy"] = UserName;
            entity["deleted"] ??= false;
            e["entity"] = EntityAsObject ? entity : entity.ToJsonString();
        }
        return e.ToJsonString();
    }

    public byte[] ToBytes() => Encoding.UTF8.GetBytes(ToJson());

    public static string Batch(params OmEvent[] events) =>
        $"{{\"data\":[{string.Join(",", events.Select(e => e.ToJson()))}],\"paging\":{{\"total\":{events.Length.ToString(CultureInfo.InvariantCulture)}}}}}";

    // Lists and objects travel as strings that hold JSON; scalars as themselves.
    private static JsonNode? Wire(JsonNode? value) => value switch
    {
        null => null,
        JsonArray or JsonObject => JsonValue.Create(value.ToJsonString()),
        _ => value.DeepClone(),
    };
}
