using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HistoryGraph.Tests.Webhooks;

/// A large delivery does not hold up small ones: it waits in a lane of its own and a large
/// batch is written in groups, so a steady sender's deliveries are answered while it is still
/// being written, and everything of both is stored.
public class LargeDeliveryTests
{
    [Fact]
    public async Task a_steady_sender_is_answered_while_a_large_batch_is_written()
    {
        var connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
        await using var server = await HistoryGraphServer.StartAsync($"ConnectionStrings:History={connectionString}",
            "Ingestion:MaxGroupEvents=64", "OpenMetadata:MaxBodyBytes=20000000");
        await PostgresServerFixture.WaitHealthyAsync(server);

        var prefix = $"large{Guid.NewGuid():N}";
        var batch = Enumerable.Range(0, 4000).Select(i => OmEvent.Created(Guid.NewGuid(), $"{prefix}.big.t{i}")
            .Next().Set("description", $"described {i}").Set("displayName", $"Table {i}")).ToArray();
        var big = System.Text.Encoding.UTF8.GetBytes(OmEvent.Batch(batch));

        var answeredDuringBatch = 0;
        var steadyKeys = new ConcurrentBag<string>();
        var bigDone = false;
        var steady = Task.Run(async () =>
        {
            var sent = 0;
            while (!Volatile.Read(ref bigDone) && sent < 2000)
            {
                var e = OmEvent.Created(Guid.NewGuid(), $"{prefix}.steady.t{sent++}");
                var response = await server.PostAsync(e.ToJson());
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                steadyKeys.Add(e.Id!);
                if (!Volatile.Read(ref bigDone))
                    Interlocked.Increment(ref answeredDuringBatch);
                await Task.Delay(10);
            }
        });
        await Task.Delay(100);
        var watch = Stopwatch.StartNew();
        var bigResponse = await server.PostAsync(big);
        Volatile.Write(ref bigDone, true);
        await steady;

        Assert.Equal(HttpStatusCode.OK, bigResponse.StatusCode);
        var receipt = JsonDocument.Parse(await bigResponse.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(batch.Length, receipt.GetProperty("stored").GetInt32());
        // With a first-come queue the steady sender would wait for the whole batch: one answer at most.
        Assert.True(answeredDuringBatch >= 5, $"{answeredDuringBatch} steady deliveries answered during the {watch.ElapsedMilliseconds} ms batch");

        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HistoryDbContext>();
        var keys = steadyKeys.ToList();
        Assert.Equal(batch.Length, await db.ChangeEvents.CountAsync(e => e.EntityFqn!.StartsWith(prefix + ".big.")));
        Assert.Equal(keys.Count, await db.ChangeEvents.CountAsync(e => keys.Contains(e.EventKey)));
        // Sequences stay gap-free across the interleaved groups.
        var sequences = await db.ChangeEvents.OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync();
        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(i => (long)i), sequences);
    }
}
