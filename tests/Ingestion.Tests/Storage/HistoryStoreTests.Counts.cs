using System.Text.Json.Nodes;
using HistoryGraph.Ingestion.Statistics;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HistoryGraph.Ingestion.Tests.Storage;

// The change_counts rollup: kept by the writer, equal to counting the stored rows, and
// rebuilt the same by the migrations that add its spans and actor kinds.
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
            // An AI agent acting for bob.
            var dropped = tagged.Next(minutesLater: 50, step: 1.0m).Change("fieldsDeleted", "columns", JsonValue.Create("""[{"name":"a"}]"""), null) with { ImpersonatedBy = "mcp-agent" };
            var dashboard = OmEvent.Created(Guid.NewGuid(), "superset.sales", timestamp: start + 3_000) with { EntityType = "dashboard", UserName = null };
            var thread = new OmEvent { EventType = "threadCreated", EntityType = "THREAD", Fqn = null, Entity = null, CurrentVersion = null, Timestamp = start + 4_000, UserName = "bob" };
            // Two deliveries, the second repeating most of the first: only stored events count.
            await session.DeliverAsync(OmEvent.Batch(orders, described, dashboard));
            await session.DeliverAsync(OmEvent.Batch(tagged, orders, dropped, thread, described));
        }

        await using var db = contexts.CreateDbContext();
        var rollup = await CountsAsync(db);
        // Counting the stored rows directly gives the same, in each span a dimension is counted in.
        var events = await db.ChangeEvents.ToListAsync();
        var services = await db.Entities.ToDictionaryAsync(e => e.EntityId, e => e.Service);
        Assert.Equal(6, events.Count);
        foreach (var span in new[] { ChangeCountSpan.Quarter, ChangeCountSpan.Hour, ChangeCountSpan.Day })
        {
            foreach (var cell in events.GroupBy(e => ChangeCounting.StartOf(e.Timestamp, span)))
            {
                if (span != ChangeCountSpan.Hour)
                {
                    Assert.Equal(cell.Count(), rollup.GetValueOrDefault(("TOTAL", span, cell.Key, "")));
                    foreach (var type in cell.GroupBy(e => e.EventType))
                        Assert.Equal(type.Count(), rollup.GetValueOrDefault(("EVENT_TYPE", span, cell.Key, type.Key)));
                    foreach (var type in cell.GroupBy(e => e.EntityType))
                        Assert.Equal(type.Count(), rollup.GetValueOrDefault(("ENTITY_TYPE", span, cell.Key, type.Key)));
                }
                if (span != ChangeCountSpan.Quarter)
                {
                    foreach (var user in cell.GroupBy(e => e.UserName ?? ""))
                        Assert.Equal(user.Count(), rollup.GetValueOrDefault(("USER", span, cell.Key, user.Key)));
                    foreach (var service in cell.GroupBy(e => services.GetValueOrDefault(e.EntityId) ?? ""))
                        Assert.Equal(service.Count(), rollup.GetValueOrDefault(("SERVICE", span, cell.Key, service.Key)));
                }
            }
        }
        foreach (var span in new[] { ChangeCountSpan.Quarter, ChangeCountSpan.Day })
            Assert.Equal(6, rollup.Where(r => r.Key.Item1 == "TOTAL" && r.Key.Item2 == span).Sum(r => r.Value));
        // Users and services per hour and day, the others per quarter and day.
        Assert.DoesNotContain(rollup, r => r.Key.Item1 is "USER" or "SERVICE" && r.Key.Item2 == ChangeCountSpan.Quarter);
        Assert.DoesNotContain(rollup, r => r.Key.Item1 is not ("USER" or "SERVICE") && r.Key.Item2 == ChangeCountSpan.Hour);
        Assert.Equal(4, rollup.Where(r => r.Key is ("SERVICE", ChangeCountSpan.Day, _, "mysql")).Sum(r => r.Value));
        var byDay = rollup.Where(r => r.Key.Item2 == ChangeCountSpan.Day).ToList();
        Assert.Equal(1, byDay.Where(r => r.Key.Item1 == "IS_BOT" && r.Key.Item4 == "true").Sum(r => r.Value));
        Assert.Equal(1, byDay.Where(r => r.Key.Item1 == "SEMANTIC_CHANGE" && r.Key.Item4 == "MAJOR").Sum(r => r.Value));
        // ann and bob themselves, etl-service a bot, the agent for bob, the dashboard by nobody.
        Assert.Equal([("", 1L), ("AGENT", 1L), ("BOT", 1L), ("HUMAN", 3L)],
            byDay.Where(r => r.Key.Item1 == "ACTOR_KIND").GroupBy(r => r.Key.Item4).Select(g => (g.Key, g.Sum(r => r.Value))).OrderBy(g => g.Key, StringComparer.Ordinal));
        Assert.Equal(6, rollup.Where(r => r.Key is ("ACTOR_KIND", ChangeCountSpan.Quarter, _, _)).Sum(r => r.Value));
        Assert.Equal([("DESCRIPTION", 2L), ("SCHEMA", 1L), ("TAGS", 1L)],
            byDay.Where(r => r.Key.Item1 == "CATEGORY").GroupBy(r => r.Key.Item4).Select(g => (g.Key, g.Sum(r => r.Value))).OrderBy(g => g.Key));

        // The migration that added the spans makes from the quarters and the events what the writer keeps.
        var migrator = db.GetService<IMigrator>();
        var migrations = db.Database.GetMigrations().ToList();
        await migrator.MigrateAsync(migrations[migrations.IndexOf(migrations.Single(m => m.EndsWith("_RollupSpans", StringComparison.Ordinal))) - 1]);
        await migrator.MigrateAsync();
        Assert.Equal(rollup.OrderBy(r => r.Key), (await CountsAsync(db)).OrderBy(r => r.Key));
        // The version the agent made names it again (the migration that added actor kinds fills it from the events).
        var byAgent = Assert.Single(await db.EntityVersions.AsNoTracking().Where(v => v.ImpersonatedBy != null).ToListAsync());
        Assert.Equal((1.3m, "bob", "mcp-agent"), (byAgent.Version, byAgent.ChangedBy, byAgent.ImpersonatedBy));
    }

    private static async Task<Dictionary<(string, ChangeCountSpan, DateTime, string), long>> CountsAsync(HistoryDbContext db) =>
        (await db.ChangeCounts.AsNoTracking().ToListAsync())
            .ToDictionary(c => (ModelBuilding.ToUpperSnake(c.Dimension.ToString()), c.Span, DateTime.SpecifyKind(c.Start, DateTimeKind.Utc), c.Key), c => c.Count);
}
