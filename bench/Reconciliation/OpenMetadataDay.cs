using System.Text.Json.Nodes;
using HistoryGraph.TestSupport;

namespace HistoryGraph.Bench.Reconciliation;

/// A day of OpenMetadata history, hour by hour: `perHour` tables each changed once an hour (created
/// in the first), its events spread evenly over the hour. Every fiftieth event is in the log only
/// (the webhook missed it); from the second hour on, one table in a hundred also gets a version
/// that bulk ingestion saved without an event, a second after its change (in neither).
public sealed record OpenMetadataDay(List<OmEvent> Log, List<OmEvent> Webhook, List<(Guid Id, decimal Version, long At, string Json)> Versions, int Bulk)
{
    public static OpenMetadataDay Make(DateTime start, int hours, int perHour)
    {
        var (log, webhook, versions) = (new List<OmEvent>(), new List<OmEvent>(), new List<(Guid, decimal, long, string)>());
        var latest = new OmEvent[perHour];
        var random = new Random(perHour);
        var (bulk, n) = (0, 0);
        var startMs = new DateTimeOffset(start).ToUnixTimeMilliseconds();
        for (var hour = 0; hour < hours; hour++)
        {
            for (var k = 0; k < perHour; k++)
            {
                var at = startMs + hour * 3_600_000L + k * (3_600_000L / perHour);
                var fqn = $"mysql_prod.shop.public.table_{k}";
                var e = latest[k] is null
                    ? OmEvent.Created(Guid.NewGuid(), fqn, timestamp: at) with { Entity = RealisticTable.Entity(fqn, 10, random) }
                    : latest[k].Next().Set("description", $"Orders placed in the web shop, hour {hour}") with { Timestamp = at };
                log.Add(e);
                versions.Add(Version(e));
                if (n++ % 50 != 49)
                    webhook.Add(e);
                latest[k] = e;
                if (hour > 0 && k % 100 == 0)
                {
                    var saved = e.Next().Set("description", $"Loaded in bulk, hour {hour}") with { Timestamp = at + 1_000 };
                    versions.Add(Version(saved));
                    latest[k] = saved;
                    bulk++;
                }
            }
        }
        return new OpenMetadataDay(log, webhook, versions, bulk);
    }

    /// The entity as OpenMetadata keeps that version.
    private static (Guid, decimal, long, string) Version(OmEvent e)
    {
        var entity = JsonNode.Parse(e.ToJson())!["entity"]!;
        return (e.EntityId, e.CurrentVersion!.Value, e.Timestamp, entity is JsonValue text ? text.GetValue<string>() : entity.ToJsonString());
    }
}
