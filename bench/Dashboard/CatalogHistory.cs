using System.Text.Json.Nodes;
using HistoryGraph.Ingestion.OpenMetadata;
using HistoryGraph.TestSupport;

namespace HistoryGraph.Bench.Dashboard;

/// A catalog's last 180 days, ending now, as OpenMetadata sends it: tables of 10 to 50 columns
/// (RealisticTable) made by a bot, then changed by 200 people (a tenth of them through an
/// agent) and 5 bots: descriptions, tags, a column's description, now and then a column's
/// type (a breaking change); 2% of tables soft-deleted and 0.5% hard-deleted. Deterministic for
/// a seed, in time order, so that the dashboard's default 30-day window holds about a sixth.
public static class CatalogHistory
{
    private static readonly string[] Bots = ["ingestion-bot", "profiler-bot", "lineage-bot", "usage-bot", "autoclassification-bot"];

    public static List<Workload.Body> Build(int events, string secret, int seed = 32)
    {
        var random = new Random(seed);
        var end = DateTimeOffset.UtcNow;
        var start = end.AddDays(-180);
        var tables = Math.Max(1, events / 10);
        // Each table's events: created, then updates; times spread over the span in order.
        var plan = new List<(long Ticks, int Table)>(events);
        for (var i = 0; i < events; i++)
            plan.Add((start.Ticks + (long)(random.NextDouble() * (end - start).Ticks), i < tables ? i : random.Next(tables)));
        // A table's first event is its creation: each table's earliest time goes to its first.
        plan.Sort((a, b) => a.Ticks.CompareTo(b.Ticks));
        var latest = new OmEvent?[tables];
        var gone = new bool[tables];
        var bodies = new List<Workload.Body>(events);
        foreach (var planned in plan)
        {
            var (ticks, table) = planned;
            // A deleted table changes no more: this moment's change goes to a live one.
            if (gone[table])
            {
                do
                    table = (table + 1) % tables;
                while (gone[table] || latest[table] is null);
            }
            var at = new DateTimeOffset(ticks, TimeSpan.Zero).ToUnixTimeMilliseconds();
            var fqn = $"warehouse_{table % 10}.sales_{table % 40}.public.table_{table}";
            OmEvent e;
            if (latest[table] is not { } previous)
                e = OmEvent.Created(Guid.NewGuid(), fqn, timestamp: at) with { UserName = Bots[0], Entity = RealisticTable.Entity(fqn, 10 + table % 41, random) };
            else
            {
                var person = $"user_{random.Next(200)}";
                var next = previous.Next(minutesLater: 0) with { Timestamp = Math.Max(at, previous.Timestamp + 1), UserName = person, ImpersonatedBy = null };
                var roll = random.Next(1000);
                if (roll < 100)
                    next = next with { UserName = Bots[random.Next(Bots.Length)] };
                else if (roll < 200)
                    next = next with { ImpersonatedBy = "mcp-agent" };
                e = roll switch
                {
                    < 20 => (next with { EventType = "entitySoftDeleted" }).Set("deleted", JsonValue.Create(true)),
                    < 25 => next with { EventType = "entityDeleted", WithChangeDescription = false },
                    < 55 => Retyped(next, random),
                    < 400 => next.Set("description", JsonValue.Create($"What {fqn} holds, revised at {at}.")),
                    < 700 => next.Set("tags", new JsonArray(new JsonObject { ["tagFQN"] = random.Next(2) == 0 ? "PII.Sensitive" : "Tier.Tier2", ["source"] = "Classification", ["labelType"] = "Manual", ["state"] = "Confirmed" })),
                    _ => ColumnDescribed(next, random, at),
                };
                if (e.EventType is "entitySoftDeleted" or "entityDeleted")
                    gone[table] = true;
            }
            latest[table] = e;
            var bytes = e.ToBytes();
            bodies.Add(new Workload.Body(bytes, WebhookSignature.Sign(bytes, secret)));
        }
        return bodies;
    }

    private static OmEvent Retyped(OmEvent e, Random random) => Column(e, random, "dataType", "BIGINT");

    private static OmEvent ColumnDescribed(OmEvent e, Random random, long at) => Column(e, random, "description", $"Revised at {at}.");

    private static OmEvent Column(OmEvent e, Random random, string property, string value)
    {
        var entity = (JsonObject)e.Entity!.DeepClone();
        var columns = entity["columns"]!.AsArray();
        var column = columns[random.Next(columns.Count)]!.AsObject();
        var old = column[property]?.DeepClone();
        column[property] = value;
        return (e with { Entity = entity }).Change("fieldsUpdated", $"columns.{column["name"]}.{property}", old, JsonValue.Create(value));
    }
}
