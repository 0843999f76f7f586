using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using HistoryGraph.Ingestion.OpenMetadata;
using HistoryGraph.Ingestion.Payloads;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Live;

namespace HistoryGraph.Notifications.Messages;

/// The message about one stored event: who changed which asset how, with the old and new value
/// of each field change, a link to the asset, and for WEBHOOK targets the same as JSON with the
/// event exactly as OpenMetadata sent it.
public static class EventNotice
{
    /// Field changes listed by name and values; the rest are counted.
    public const int MaxChanges = 20;
    /// Characters of a value shown in a chat message (the WEBHOOK payload has them whole).
    public const int MaxValueChars = 300;

    public static MessageDocument Build(LiveEvent live, PayloadCodec codec, AssetLinks links)
    {
        var e = live.Event;
        var name = live.Entity?.DisplayName ?? live.Entity?.Name ?? LastPart(e.EntityFqn) ?? e.EntityId.ToString();
        var (verb, emoji) = Verb(e.EventType);
        var breaking = e.SemanticChange == SemanticChange.Major;
        var alert = breaking || e.EventType is EventTypes.EntityDeleted or EventTypes.EntitySoftDeleted;
        var user = e.UserName ?? "someone";
        var link = links.Of(e.EntityType, e.EntityFqn);
        var title = $"{emoji} {(breaking ? "Breaking: " : "")}{e.EntityType} {name} {verb}";

        var facts = new List<MessageFact>
        {
            new("Asset", e.EntityFqn ?? name),
            new("Type", e.EntityType),
            new("By", live.User?.IsBot == true ? $"{user} (bot)" : user),
            new("Event", e.EventType),
        };
        if (e.CurrentVersion is { } current)
            facts.Add(new("Version", e.PreviousVersion is { } previous && previous != current ? $"{Text(previous)} → {Text(current)}" : Text(current)));
        if (e.SemanticChange != SemanticChange.None)
            facts.Add(new("Impact", e.SemanticChange.ToString().ToUpperInvariant()));

        var changes = live.FieldChanges.Take(MaxChanges).Select(f => new MessageItem(
            f.Path,
            $"{f.ChangeType.ToString().ToLowerInvariant()}{(f.SemanticChange == SemanticChange.Major ? ", breaking" : "")}",
            Old: f.OldValue is { } old ? Excerpt(Display(old), MaxValueChars) : null,
            New: f.NewValue is { } @new ? Excerpt(Display(@new), MaxValueChars) : null)).ToList();
        var sections = changes.Count == 0 ? new List<MessageSection>() : [new MessageSection("Changes", changes, live.FieldChanges.Count - changes.Count)];

        return new MessageDocument
        {
            Title = title,
            Summary = $"{user} {verb} {e.EntityType} {e.EntityFqn ?? name}{(live.FieldChanges.Count > 0 ? $": {Count(live.FieldChanges.Count, "field change")}" : "")}.",
            Facts = facts,
            Sections = sections,
            Link = link,
            Timestamp = e.Timestamp,
            Alert = alert,
            Footer = $"HistoryGraph · event {e.Sequence.ToString(CultureInfo.InvariantCulture)}",
            Key = e.Sequence.ToString(CultureInfo.InvariantCulture),
            EventType = e.EventType,
            Payload = Payload(live, codec, name, link),
            ModelName = "event",
            Values = new Dictionary<string, string?>
            {
                ["sequence"] = e.Sequence.ToString(CultureInfo.InvariantCulture),
                ["type"] = e.EventType,
                ["verb"] = verb,
                ["entityType"] = e.EntityType,
                ["entityId"] = e.EntityId.ToString(),
                ["fqn"] = e.EntityFqn,
                ["name"] = name,
                ["user"] = e.UserName,
                ["userIsBot"] = live.User?.IsBot == true ? "true" : "false",
                ["timestamp"] = e.Timestamp.ToString("O", CultureInfo.InvariantCulture),
                ["previousVersion"] = e.PreviousVersion?.ToString(CultureInfo.InvariantCulture),
                ["currentVersion"] = e.CurrentVersion?.ToString(CultureInfo.InvariantCulture),
                ["semanticChange"] = e.SemanticChange.ToString().ToUpperInvariant(),
                ["breaking"] = breaking ? "true" : "false",
                ["origin"] = e.Origin.ToString().ToUpperInvariant(),
                ["link"] = link,
            },
        };
    }

    private static JsonObject Payload(LiveEvent live, PayloadCodec codec, string name, string? link)
    {
        var e = live.Event;
        return new JsonObject
        {
            ["sequence"] = e.Sequence,
            ["eventType"] = e.EventType,
            ["entityType"] = e.EntityType,
            ["entityId"] = e.EntityId,
            ["fqn"] = e.EntityFqn,
            ["name"] = name,
            ["userName"] = e.UserName,
            ["userIsBot"] = live.User?.IsBot,
            ["timestamp"] = e.Timestamp,
            ["previousVersion"] = e.PreviousVersion,
            ["currentVersion"] = e.CurrentVersion,
            ["semanticChange"] = e.SemanticChange.ToString().ToUpperInvariant(),
            ["breaking"] = e.SemanticChange == SemanticChange.Major,
            ["origin"] = e.Origin.ToString().ToUpperInvariant(),
            ["link"] = link,
            ["changes"] = new JsonArray(live.FieldChanges.Select(f => (JsonNode)new JsonObject
            {
                ["path"] = f.Path,
                ["category"] = f.Category.ToString().ToUpperInvariant(),
                ["changeType"] = f.ChangeType.ToString().ToUpperInvariant(),
                ["semanticChange"] = f.SemanticChange.ToString().ToUpperInvariant(),
                ["oldValue"] = f.OldValue is { } old ? JsonValueOf(old) : null,
                ["newValue"] = f.NewValue is { } @new ? JsonValueOf(@new) : null,
            }).ToArray()),
            ["changeEvent"] = JsonNode.Parse(codec.Unpack(e.Payload)),
        };
    }

    public static (string Verb, string Emoji) Verb(string eventType) => eventType switch
    {
        EventTypes.EntityCreated => ("created", "🆕"),
        EventTypes.EntityUpdated or EventTypes.EntityFieldsChanged => ("updated", "✏️"),
        EventTypes.EntitySoftDeleted => ("soft-deleted", "🗑️"),
        EventTypes.EntityDeleted => ("deleted", "🗑️"),
        EventTypes.EntityRestored => ("restored", "♻️"),
        _ => (eventType, "🔔"),
    };

    /// A stored value as people read it: a string without its quotes, anything else as compact JSON.
    public static string Display(string stored)
    {
        var json = FieldValue.Decode(stored);
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.String ? document.RootElement.GetString()! : JsonSerializer.Serialize(document.RootElement);
        }
        catch (JsonException)
        {
            return json;
        }
    }

    /// At most max characters, ending in an ellipsis when cut (never between the halves of a surrogate pair).
    public static string Excerpt(string text, int max)
    {
        if (text.Length <= max)
            return text;
        var keep = Math.Max(0, max - 1);
        if (keep > 0 && char.IsHighSurrogate(text[keep - 1]))
            keep--;
        return string.Concat(text.AsSpan(0, keep).TrimEnd(), "…");
    }

    private static JsonNode? JsonValueOf(string stored)
    {
        var json = FieldValue.Decode(stored);
        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return JsonValue.Create(json);
        }
    }

    public static string Count(long count, string noun, string? plural = null) =>
        $"{count.ToString("N0", CultureInfo.InvariantCulture)} {(count == 1 ? noun : plural ?? noun + "s")}";

    private static string Text(decimal version) => version.ToString(CultureInfo.InvariantCulture);

    private static string? LastPart(string? fqn) => fqn?.Split('.')[^1].Trim('"');
}
