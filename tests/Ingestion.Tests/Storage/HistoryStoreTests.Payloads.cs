using System.Text.Json.Nodes;
using HistoryGraph.Ingestion.Payloads;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HistoryGraph.Ingestion.Tests.Storage;

public abstract partial class HistoryStoreTests
{
    [Fact]
    public async Task a_payload_dictionary_is_trained_kept_while_it_fits_retrained_when_the_events_change_shape_and_taken_up_after_a_restart()
    {
        var contexts = await fixture.CreateFreshStoreAsync();
        var options = Options.Create(new PayloadOptions { TrainAfterEvents = 100, SampleEvents = 100, RetrainAfterEvents = 200, CheckIntervalSeconds = 0.05 });
        var sent = new List<byte[]>();
        var random = new Random(7);
        var codec = new PayloadCodec();
        await using (var session = new StoreSession(contexts, codec: codec))
        using (var trainer = Trainer(codec, contexts, options))
        {
            await trainer.StartAsync(CancellationToken.None);
            async Task SendAsync(OmEvent e)
            {
                sent.Add(e.ToBytes());
                Assert.Single((await session.DeliverAsync(e.ToBytes())).Sequences);
            }

            for (var i = 0; i < 120; i++)
                await SendAsync(Table(i, random));
            var first = await WaitForDictionaryAsync(codec, null);
            Assert.True(first.TestPackedBytes < first.TestBrotliBytes * 0.75, $"{first.TestPackedBytes} packed against {first.TestBrotliBytes} with Brotli");

            // More of the same shape: the dictionary still fits, nothing is retrained.
            for (var i = 120; i < 360; i++)
                await SendAsync(Table(i, random));
            await Task.Delay(300);
            Assert.Equal(first.Key, codec.Current!.Key);

            // Dashboards share little with tables: they pack markedly worse, so a new one is trained.
            for (var i = 0; i < 250; i++)
                await SendAsync(Dashboard(i, random));
            var second = await WaitForDictionaryAsync(codec, first.Key);
            await trainer.StopAsync(CancellationToken.None);
            Assert.NotEqual(first.Key, second.Key);

            // The first kept through the tables; what came after it was trained on dashboards
            // (or on the change from tables to dashboards), the newest in use.
            await using var db = contexts.CreateDbContext();
            var keys = await db.PayloadDictionaries.OrderBy(d => d.TrainedAt).Select(d => d.Key).ToListAsync();
            Assert.Equal(first.Key, keys[0]);
            Assert.InRange(keys.Count, 2, 3);
            Assert.Equal(keys[^1], codec.Current!.Key);
        }

        // Another instance (or this one restarted) takes up the newest dictionary, and reads
        // every payload, whichever way it was packed, from the store.
        var restarted = new PayloadCodec(key => { using var db = contexts.CreateDbContext(); return db.PayloadDictionaries.SingleOrDefault(d => d.Key == key); });
        using (var trainer = Trainer(restarted, contexts, options))
        {
            await trainer.StartAsync(CancellationToken.None);
            var adopted = await WaitForDictionaryAsync(restarted, null);
            await trainer.StopAsync(CancellationToken.None);
            await using var db = contexts.CreateDbContext();
            Assert.Equal(await db.PayloadDictionaries.OrderByDescending(d => d.TrainedAt).Select(d => d.Key).FirstAsync(), adopted.Key);
            var payloads = await db.ChangeEvents.OrderBy(e => e.Sequence).Select(e => e.Payload).ToListAsync();
            Assert.Equal(sent.Count, payloads.Count);
            Assert.Equal(sent, payloads.Select(restarted.Unpack));
            Assert.Equal([0x01, 0x02], payloads.Select(p => (int)p[0]).Distinct().Order());
        }
    }

    private static PayloadDictionaryTrainer Trainer(PayloadCodec codec, IDbContextFactory<HistoryDbContext> contexts, IOptions<PayloadOptions> options)
    {
        var readiness = new StoreReadiness();
        readiness.MarkReady();
        return new PayloadDictionaryTrainer(codec, contexts, readiness, options, NullLogger<PayloadDictionaryTrainer>.Instance);
    }

    private static async Task<PayloadDictionary> WaitForDictionaryAsync(PayloadCodec codec, long? other)
    {
        for (var i = 0; i < 600; i++)
        {
            if (codec.Current is { } current && current.Key != other)
                return current;
            await Task.Delay(50);
        }
        throw new TimeoutException("No (new) payload dictionary was taken up within 30 s.");
    }

    private static OmEvent Table(int i, Random random)
    {
        var fqn = $"mysql.sales.public.dict_table_{i}";
        return OmEvent.Created(Guid.NewGuid(), fqn) with { Entity = RealisticTable.Entity(fqn, 10 + random.Next(10), random) };
    }

    private static OmEvent Dashboard(int i, Random random)
    {
        var fqn = $"superset.dict_dashboard_{i}";
        var charts = new JsonArray();
        for (var c = 0; c < 8 + random.Next(8); c++)
            charts.Add(new JsonObject
            {
                ["id"] = Guid.NewGuid().ToString(), ["type"] = "chart", ["name"] = $"{random.Next(100000)}",
                ["fullyQualifiedName"] = $"superset.{random.Next(100000)}", ["displayName"] = $"Weekly KPI panel {random.Next(1000)} by region",
                ["chartType"] = random.Next(2) == 0 ? "Line" : "Histogram", ["sourceUrl"] = $"https://superset.example.com/explore/?slice_id={random.Next(100000)}",
            });
        return OmEvent.Created(Guid.NewGuid(), fqn) with
        {
            EntityType = "dashboard",
            Entity = new JsonObject
            {
                ["name"] = $"{random.Next(100000)}", ["displayName"] = $"Revenue overview {random.Next(1000)}", ["dashboardType"] = "Dashboard",
                ["sourceUrl"] = $"https://superset.example.com/superset/dashboard/{random.Next(100000)}/", ["charts"] = charts,
                ["service"] = new JsonObject { ["id"] = Guid.NewGuid().ToString(), ["type"] = "dashboardService", ["name"] = "superset" },
            },
        };
    }
}
