using System.Text.Json.Nodes;
using HistoryGraph.Ingestion.Statistics;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.Ingestion.Tests.Storage;

// The change_counts rollup: kept by the writer, equal to counting the stored rows, and
// rebuilt the same by the migration that adds it.
public abstract partial class HistoryStoreTests
{
    [Fact]
    public async Task the_rollup_counts_each_stored_event_once_per_dimension_duplicates_left_out()
    {
        var contexts = await fixture.CreateFreshStoreAsync(migrate: true);
        await using (var session = new StoreSession(contexts))
        {
            var start = 1_790_000_000_000L;
            var orders = OmEvent.Created(Guid.NewGuid(), "mysql.shop.public.orders", timestamp: start) with
            {
                UserName = "ann",
                Entity = new JsonObject { ["service"] = new JsonObject { ["id"] = Guid.NewGuid().ToString(), ["type"] = "databaseService", ["name"] = "mysql" } },
            };
            var described = orders.Next(minutesLater: 7).Set("description", "Orders") with { UserName = "etl-service" };
            var tagged = described.Next(minutesLater: 20).Set("description", "All orders")
                .Change("fieldsAdded", "tags", null, JsonValue.Create("""[{"tagFQN":"PII.Sensitive","source":"Classification"}]""")) with { UserName = "bob" };
            var dropped = tagged.Next(minutesLater: 50, step: 1.0m).Change("fieldsDeleted", "columns", JsonValue.Create("""[{"name":"a"}]"""), null);
            var dashboard = OmEvent.Created(Guid.NewGuid(), "superset.sales", timestamp: start + 3_000) with { EntityType = "dashboard", UserName = null };
            var thread = new OmEvent { EventType = "threadCreated", EntityType = "THREAD", Fqn = null, Entity = null, CurrentVersion = null, Timestamp = start + 4_000, UserName = "bob" };
            // Two deliveries, the second repeating most of the first: only stored events count.
            await session.DeliverAsync(OmEvent.Batch(orders, described, dashboard));
            await session.DeliverAsync(OmEvent.Batch(tagged, orders, dropped, thread, described));
        }

        await using var db = contexts.CreateDbContext();
        var rollup = await CountsAsync(db);
        // Counting the stored rows directly gives the same.
        var events = await db.ChangeEvents.ToListAsync();
        Assert.Equal(6, events.Count);
        foreach (var quarter in events.GroupBy(e => ChangeCounting.QuarterOf(e.Timestamp)))
        {
            Assert.Equal(quarter.Count(), rollup.GetValueOrDefault(("TOTAL", quarter.Key, "")));
            foreach (var type in quarter.GroupBy(e => e.EventType))
                Assert.Equal(type.Count(), rollup.GetValueOrDefault(("EVENT_TYPE", quarter.Key, type.Key)));
            foreach (var type in quarter.GroupBy(e => e.EntityType))
                Assert.Equal(type.Count(), rollup.GetValueOrDefault(("ENTITY_TYPE", quarter.Key, type.Key)));
        }
        Assert.Equal(6, rollup.Where(r => r.Key.Item1 == "TOTAL").Sum(r => r.Value));
        // Users and services are counted from the events, not rolled up.
        Assert.DoesNotContain(rollup, r => r.Key.Item1 is "USER" or "SERVICE");
        Assert.Equal(1, rollup.Where(r => r.Key.Item1 == "IS_BOT" && r.Key.Item3 == "true").Sum(r => r.Value));
        Assert.Equal(1, rollup.Where(r => r.Key.Item1 == "SEMANTIC_CHANGE" && r.Key.Item3 == "MAJOR").Sum(r => r.Value));
        Assert.Equal([("DESCRIPTION", 2L), ("SCHEMA", 1L), ("TAGS", 1L)],
            rollup.Where(r => r.Key.Item1 == "CATEGORY").GroupBy(r => r.Key.Item3).Select(g => (g.Key, g.Sum(r => r.Value))).OrderBy(g => g.Key));

    }

    private static async Task<Dictionary<(string, DateTime, string), long>> CountsAsync(HistoryDbContext db) =>
        (await db.ChangeCounts.AsNoTracking().ToListAsync())
            .ToDictionary(c => (ModelBuilding.ToUpperSnake(c.Dimension.ToString()), DateTime.SpecifyKind(c.QuarterStart, DateTimeKind.Utc), c.Key), c => c.Count);
}
