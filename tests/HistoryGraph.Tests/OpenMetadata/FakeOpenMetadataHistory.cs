using System.Globalization;
using System.Text.Json.Nodes;
using System.Web;
using HistoryGraph.TestSupport;

namespace HistoryGraph.Tests.OpenMetadata;

/// What a fake OpenMetadata keeps of its own history, answered as OpenMetadata's API does:
/// `GET /v1/events?entityCreated=*&entityUpdated=*&entityRestored=*&entityDeleted=*&timestamp=<ms>`
/// (every event type, soft deletes under entityDeleted) with every logged event from that instant on, oldest
/// first (optionally a page at a time: the first PageSize events, with a `paging.after` cursor
/// when Cursor is set), and `GET /v1/<collection>/{id}/versions/{version}` with the entity as it
/// was at that version, or OpenMetadata's 404.
public sealed class FakeOpenMetadataHistory
{
    public List<OmEvent> Log { get; } = [];
    public Dictionary<(Guid, decimal), string> Versions { get; } = [];
    public int? PageSize { get; set; }
    public bool Cursor { get; set; }

    /// As the newest releases answer: the log honours `endTs` and `limit` and pages with a
    /// cursor, and each collection has a history endpoint listing the versions in Versions.
    public bool Newest { get; set; }

    /// As releases with a `change_event.offset` answer: each logged event carries its offset,
    /// and a rolled-back insert left a hole after every third one (the reconciler reads by time,
    /// so a hole hides nothing).
    public bool OffsetsWithHoles { get; set; }

    /// Keeps the entity as the event carries it as that version.
    public void KeepVersion(OmEvent e)
    {
        var entity = JsonNode.Parse(e.ToJson())!["entity"]!;
        Versions[(e.EntityId, e.CurrentVersion!.Value)] = entity is JsonValue text ? text.GetValue<string>() : entity.ToJsonString();
    }

    private string Logged(OmEvent e)
    {
        if (!OffsetsWithHoles)
            return e.ToJson();
        var index = Log.IndexOf(e);
        var json = JsonNode.Parse(e.ToJson())!.AsObject();
        json["offset"] = index + index / 3;
        return json.ToJsonString();
    }

    public FakeOpenMetadata.Answer? Answer(FakeOpenMetadata.Recorded request)
    {
        if (request.Method != "GET")
            return null;
        var uri = new Uri("http://x" + request.PathAndQuery);
        if (uri.AbsolutePath == "/api/v1/events")
        {
            var query = HttpUtility.ParseQueryString(uri.Query);
            if (query["entityCreated"] != "*" || query["entityUpdated"] != "*" || query["entityRestored"] != "*" || query["entityDeleted"] != "*"
                || !long.TryParse(query["timestamp"], out var from))
                return new FakeOpenMetadata.Answer(400, """{"code":400,"message":"query param timestamp must not be null"}""");
            var to = Newest && long.TryParse(query["endTs"], out var end) ? end : long.MaxValue;
            var matching = Log.Where(e => e.Timestamp >= from && e.Timestamp <= to).OrderBy(e => e.Timestamp).ToList();
            var offset = query["after"] is { } after ? int.Parse(after, CultureInfo.InvariantCulture) : 0;
            var size = Newest && int.TryParse(query["limit"], out var limit) ? limit : PageSize ?? int.MaxValue;
            var page = matching.Skip(offset).Take(size).ToList();
            var more = offset + page.Count < matching.Count;
            var paging = (Cursor || Newest) && more ? $$""","paging":{"total":{{matching.Count}},"after":"{{offset + page.Count}}"}""" : $$""","paging":{"total":{{matching.Count}}}""";
            return new FakeOpenMetadata.Answer(200, $"{{\"data\":[{string.Join(",", page.Select(Logged))}]{paging}}}");
        }
        if (Newest && uri.AbsolutePath.EndsWith("/history", StringComparison.Ordinal))
        {
            var query = HttpUtility.ParseQueryString(uri.Query);
            var (start, end) = (long.Parse(query["startTs"]!, CultureInfo.InvariantCulture), long.Parse(query["endTs"]!, CultureInfo.InvariantCulture));
            var collection = uri.AbsolutePath["/api/v1/".Length..^"/history".Length];
            var inRange = collection != "tables" ? [] : Versions.Values
                .Select(json => (Json: json, At: (long)JsonNode.Parse(json)!["updatedAt"]!))
                .Where(v => v.At >= start && v.At <= end).OrderByDescending(v => v.At).Select(v => v.Json).ToList();
            var offset = query["after"] is { } after ? int.Parse(after, CultureInfo.InvariantCulture) : 0;
            var size = int.TryParse(query["limit"], out var limit) ? limit : 10;
            var page = inRange.Skip(offset).Take(size).ToList();
            var next = offset + page.Count < inRange.Count ? $",\"after\":\"{offset + page.Count}\"" : "";
            return new FakeOpenMetadata.Answer(200, $"{{\"data\":[{string.Join(",", page)}],\"paging\":{{\"total\":{inRange.Count}{next}}}}}");
        }
        var parts = uri.AbsolutePath.Split('/');
        // /api/v1/tables/{id}/versions/{version}
        if (parts.Length == 7 && parts[5] == "versions" && Guid.TryParse(parts[4], out var id)
            && decimal.TryParse(parts[6], NumberStyles.Number, CultureInfo.InvariantCulture, out var version))
        {
            return Versions.TryGetValue((id, version), out var entity)
                ? new FakeOpenMetadata.Answer(200, entity)
                : new FakeOpenMetadata.Answer(404, $$"""{"code":404,"message":"{{parts[3]}} instance for {{id}} and version {{parts[6]}} not found"}""");
        }
        return null;
    }
}
