using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HistoryGraph.Ingestion.Payloads;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Ingestion.Text;
using static HistoryGraph.Ingestion.OpenMetadata.JsonValues;

namespace HistoryGraph.Ingestion.OpenMetadata;

/// Turns a webhook body into change events, whatever release of OpenMetadata sent it:
/// a single event, a `{"data": [...]}` batch, or the test-connection message.
/// Anything that cannot be understood becomes a RejectedPart that keeps the exact bytes.
public static class DeliveryParser
{

    public static ParsedDelivery Parse(ReadOnlyMemory<byte> body, PayloadCodec codec)
    {
        if (body.IsEmpty)
            return ParsedDelivery.Unreadable(body, "The body is empty; expected a ChangeEvent JSON object.");

        // Strict first (UTF-8, surrogate escapes; syntax and nesting as it is parsed): after
        // this no string read can fail.
        var json = SkipByteOrderMark(body);
        if (StrictText.EncodingProblem(json.Span) is { } unreadable)
            return ParsedDelivery.Unreadable(body, unreadable);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, StrictText.JsonOptions);
        }
        catch (JsonException ex)
        {
            return ItemByItem(body, json, codec) ?? ParsedDelivery.Unreadable(body, StrictText.NotJson(ex));
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return ParsedDelivery.Unreadable(body, $"The body is a JSON {Describe(root.ValueKind)}; expected a ChangeEvent object or a {{\"data\": [...]}} batch.");

            if (Property(root, "data") is { } data && Property(root, "eventType") is null)
                return ParseBatch(body, data, codec);

            if (Property(root, "eventType") is null && Property(root, "message") is { ValueKind: JsonValueKind.String } message)
                return new ParsedDelivery(DeliveryShape.TestMessage, [], [], message.GetString());

            var (message2, problem) = ParseEvent(root, codec);
            return problem is null
                ? new ParsedDelivery(DeliveryShape.SingleEvent, [message2!], [])
                : ParsedDelivery.Unreadable(body, problem);
        }
    }

    private static ParsedDelivery ParseBatch(ReadOnlyMemory<byte> body, JsonElement data, PayloadCodec codec)
    {
        if (data.ValueKind != JsonValueKind.Array)
            return ParsedDelivery.Unreadable(body, $"\"data\" is a JSON {Describe(data.ValueKind)}; a batch needs an array of ChangeEvents.");

        var events = new List<ChangeEventMessage>();
        var rejected = new List<RejectedPart>();
        var index = 0;
        foreach (var item in data.EnumerateArray())
        {
            var (message, problem) = ParseEvent(item, codec);
            if (problem is null)
                events.Add(message!);
            else
                rejected.Add(new RejectedPart(index, Encoding.UTF8.GetBytes(item.GetRawText()), $"data[{index}]: {problem}"));
            index++;
        }
        return new ParsedDelivery(DeliveryShape.Batch, events, rejected);
    }

    /// A `{"data": [...]}` batch that failed as a whole only because some of its items are
    /// nested deeper than the limit: each item read on its own, so that one deep item is refused
    /// alone (kept verbatim) and the others are stored. Null when the body is not such a batch,
    /// or is malformed rather than deep.
    private static ParsedDelivery? ItemByItem(ReadOnlyMemory<byte> body, ReadOnlyMemory<byte> json, PayloadCodec codec)
    {
        var items = new List<ReadOnlyMemory<byte>>();
        var isBatch = false;
        try
        {
            // No depth limit for this pass: it only finds where each item starts and ends
            // (iteratively, a bit per level), the items are parsed with the limit after.
            var reader = new Utf8JsonReader(json.Span, new JsonReaderOptions { MaxDepth = int.MaxValue });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("eventType"u8))
                    return null; // a single event: it is refused whole
                var isData = reader.ValueTextEquals("data"u8);
                reader.Read();
                if (isData && !isBatch && reader.TokenType == JsonTokenType.StartArray)
                {
                    isBatch = true;
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        var start = (int)reader.TokenStartIndex;
                        reader.Skip();
                        items.Add(json[start..(int)reader.BytesConsumed]);
                    }
                    continue;
                }
                reader.Skip();
            }
            if (reader.Read())
                return null; // something after the object
        }
        catch (JsonException)
        {
            return null; // malformed, not only deep
        }
        if (!isBatch)
            return null;

        var events = new List<ChangeEventMessage>();
        var rejected = new List<RejectedPart>();
        for (var index = 0; index < items.Count; index++)
        {
            var item = items[index];
            try
            {
                using var document = JsonDocument.Parse(item, StrictText.JsonOptions);
                var (message, problem) = ParseEvent(document.RootElement, codec);
                if (problem is null)
                    events.Add(message!);
                else
                    rejected.Add(new RejectedPart(index, item.ToArray(), $"data[{index}]: {problem}"));
            }
            catch (JsonException ex)
            {
                rejected.Add(new RejectedPart(index, item.ToArray(), $"data[{index}]: {StrictText.NotJson(ex)}"));
            }
        }
        return new ParsedDelivery(DeliveryShape.Batch, events, rejected);
    }

    /// Reads one ChangeEvent; the problem says which required field is missing or wrong.
    public static (ChangeEventMessage? Message, string? Problem) ParseEvent(JsonElement e, PayloadCodec codec)
    {
        if (e.ValueKind != JsonValueKind.Object)
            return (null, $"a ChangeEvent must be a JSON object, not a {Describe(e.ValueKind)}.");

        var eventType = Property(e, "eventType") is { ValueKind: JsonValueKind.String } et ? et.GetString() : null;
        if (string.IsNullOrWhiteSpace(eventType))
            return (null, "\"eventType\" is missing or not a string.");

        var entityType = Property(e, "entityType") is { ValueKind: JsonValueKind.String } ty ? ty.GetString() : null;
        if (string.IsNullOrWhiteSpace(entityType))
            return (null, "\"entityType\" is missing or not a string.");

        if (Timestamp(e, "timestamp") is not { } timestamp)
            return (null, $"\"timestamp\" is missing, is not epoch milliseconds, or is outside {EarliestTimestamp:yyyy-MM-dd}..{LatestTimestamp:yyyy-MM-dd}.");

        EntitySnapshot? snapshot = null;
        if (Property(e, "entity") is { } entity)
        {
            var (entityDocument, entityJson, entityProblem) = EmbeddedDocument(entity);
            if (entityProblem is not null)
                return (null, $"\"entity\" {entityProblem}");
            using (entityDocument)
                snapshot = entityDocument is null ? null : EntitySnapshotReader.Read(entityDocument.RootElement, entityJson!);
        }

        var rawEntityId = String(e, "entityId");
        Guid entityId;
        if (rawEntityId is not null)
        {
            if (!System.Guid.TryParse(rawEntityId, out entityId))
                return (null, $"\"entityId\" is not a UUID: \"{Truncate(rawEntityId)}\".");
        }
        else if (snapshot?.Id is { } fromEntity)
            entityId = fromEntity;
        else
            return (null, "\"entityId\" is missing and the event carries no entity with an id.");

        // Some releases (and OpenMetadata's own mocks) embed an entity that is not the one the
        // event is about. Such a snapshot says nothing about this entity; the raw event keeps it.
        if (snapshot?.Id is { } snapshotId && snapshotId != entityId)
            snapshot = null;

        var currentVersion = Decimal(e, "currentVersion");
        var (hasDescription, changes, changesProblem) = ReadChangeDescription(e);
        if (changesProblem is not null)
            return (null, $"\"changeDescription\" {changesProblem}");
        var rawId = String(e, "id");
        var eventId = rawId is not null && System.Guid.TryParse(rawId, out var g) ? g : (Guid?)null;

        // The event's own bytes, as they came (the body, or this item of a batch).
        var raw = JsonMarshal.GetRawUtf8Value(e);
        var columns = new ChangeEvent
        {
            EventKey = rawId is not null ? rawId.Trim().ToLowerInvariant() : SyntheticKey(entityId, eventType, currentVersion, timestamp),
            EventId = eventId,
            EventType = eventType,
            EntityType = entityType,
            EntityId = entityId,
            EntityFqn = String(e, "entityFullyQualifiedName"),
            UserName = String(e, "userName"),
            ImpersonatedBy = ImpersonatorOf(e, snapshot, currentVersion),
            Timestamp = timestamp,
            PreviousVersion = Decimal(e, "previousVersion"),
            CurrentVersion = currentVersion,
            Payload = codec.Pack(raw),
        };
        var message = new ChangeEventMessage(columns, hasDescription, changes, snapshot, raw.Length, SHA256.HashData(raw));
        return (message, null);
    }

    /// The bot or agent the change went through: the event's `impersonatedBy`, else that of the
    /// entity it carries when that is the version the event made (entities carry it from the
    /// same releases on; the event may not). Blank is none.
    private static string? ImpersonatorOf(JsonElement e, EntitySnapshot? snapshot, decimal? currentVersion)
    {
        var named = Property(e, "impersonatedBy") is not null ? String(e, "impersonatedBy")
            : snapshot is { Version: { } version } && version == currentVersion ? snapshot.ImpersonatedBy : null;
        return string.IsNullOrWhiteSpace(named) ? null : named;
    }

    private static (bool, IReadOnlyList<FieldChangeMessage>, string? Problem) ReadChangeDescription(JsonElement e)
    {
        if (Property(e, "changeDescription") is not { } cd)
            return (false, [], null);
        if (cd.ValueKind == JsonValueKind.String)
        {
            var (doc, _, problem) = EmbeddedDocument(cd);
            if (problem is not null)
                return (false, [], problem);
            if (doc is null)
                return (false, [], null);
            using var _ = doc;
            var (has, changes) = ReadChangeDescriptionObject(doc.RootElement);
            return (has, changes, null);
        }
        var (hasObject, objectChanges) = ReadChangeDescriptionObject(cd);
        return (hasObject, objectChanges, null);
    }

    private static (bool, IReadOnlyList<FieldChangeMessage>) ReadChangeDescriptionObject(JsonElement cd)
    {
        if (cd.ValueKind != JsonValueKind.Object)
            return (false, []);
        var changes = new List<FieldChangeMessage>();
        Read("fieldsAdded", ChangeType.Added);
        Read("fieldsUpdated", ChangeType.Updated);
        Read("fieldsDeleted", ChangeType.Deleted);
        return (true, changes);

        void Read(string list, ChangeType type)
        {
            if (Property(cd, list) is not { ValueKind: JsonValueKind.Array } items)
                return;
            foreach (var item in items.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object)
                    continue;
                changes.Add(new FieldChangeMessage(
                    String(item, "name") ?? "",
                    type,
                    RawOrNull(item, "oldValue"),
                    RawOrNull(item, "newValue")));
            }
        }
    }

    /// Old 0.x events have no id. OpenMetadata's own identity for them is the entity, the
    /// event type, the version and the moment, so that is what a redelivery repeats.
    public static string SyntheticKey(Guid entityId, string eventType, decimal? version, DateTime timestamp)
    {
        var ms = (long)(timestamp - DateTime.UnixEpoch).TotalMilliseconds;
        var versionText = version?.ToString("0.############", CultureInfo.InvariantCulture) ?? "";
        var identity = $"{entityId:D}|{eventType}|{versionText}|{ms}";
        return "synthetic:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)));
    }

    private static ReadOnlyMemory<byte> SkipByteOrderMark(ReadOnlyMemory<byte> body) =>
        body.Span.StartsWith("\uFEFF"u8) ? body[3..] : body;

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => "object",
    };

    private static string Truncate(string s) => s.Length <= 64 ? s : s[..64] + "...";
}
