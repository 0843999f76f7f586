using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using HistoryGraph.Ingestion.OpenMetadata;

namespace HistoryGraph.TestSupport;

/// Deliveries as OpenMetadata sends them: one event each, entity as a JSON string, a
/// description or tag change per update, spread over many tables.
public static class Workload
{
    public sealed record Body(byte[] Bytes, string Signature);

    /// columns: 0 for the small three-column tables of the recorded ingest results; 10 to 50
    /// for tables as OpenMetadata really sends them (RealisticTable).
    public static List<Body> Build(int count, int entities, string secret, int columns = 0)
    {
        var latest = new OmEvent[entities];
        var bodies = new List<Body>(count);
        var random = new Random(entities);
        for (var i = 0; i < count; i++)
        {
            var slot = i % entities;
            var fqn = $"mysql_prod.shop.public.table_{slot}";
            var e = latest[slot] is null && columns > 0
                ? OmEvent.Created(Guid.NewGuid(), fqn) with { Entity = RealisticTable.Entity(fqn, columns, random) }
                : latest[slot] is null
                ? OmEvent.Created(Guid.NewGuid(), fqn) with
                {
                    Entity = new JsonObject
                    {
                        ["description"] = "Orders placed in the web shop",
                        ["columns"] = new JsonArray(
                            new JsonObject { ["name"] = "id", ["dataType"] = "BIGINT" },
                            new JsonObject { ["name"] = "customer_id", ["dataType"] = "BIGINT" },
                            new JsonObject { ["name"] = "amount", ["dataType"] = "DECIMAL" }),
                        ["owners"] = new JsonArray(new JsonObject { ["id"] = Guid.NewGuid().ToString(), ["type"] = "team", ["name"] = "sales" }),
                        ["service"] = new JsonObject { ["id"] = Guid.NewGuid().ToString(), ["type"] = "databaseService", ["name"] = "mysql_prod" },
                    },
                }
                : latest[slot].Next().Set("description", $"Orders placed in the web shop, revision {i}");
            latest[slot] = e;
            var bytes = e.ToBytes();
            bodies.Add(new Body(bytes, WebhookSignature.Sign(bytes, secret)));
        }
        return bodies;
    }

    /// Sends one delivery; returns the sequence its event was stored under.
    public static async Task<long> SendAsync(HttpClient client, Body body)
    {
        using var content = new ByteArrayContent(body.Bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhook/openmetadata") { Content = content };
        request.Headers.Add(WebhookSignature.HeaderName, body.Signature);
        using var response = await client.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"Delivery answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (long)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["sequences"]![0]!;
    }
}
