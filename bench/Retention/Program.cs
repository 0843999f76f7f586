using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using HistoryGraph.TestSupport;
using Npgsql;

// Retention benchmark: a throwaway PostgreSQL cluster and HistoryGraph (Release build, its own
// process). A seed of OpenMetadata-shaped deliveries (10-column tables, creates carrying the whole
// entity) is stored through signed webhooks; then its events and field changes are copied by SQL,
// moved 400 days back (the seed's alone, every time), until the store holds the asked number of old field changes. The `purge`
// mutation removes them (keeping what entities and deletions point at) while a steady sender
// posts a delivery every 20 ms, its latencies recorded: the purge's batches must not hold
// writers up. The floor, in the same run: the same rows copied again and removed by PostgreSQL
// alone, two DELETE statements, with the same sender beside it.
// Usage: dotnet bench/Retention/bin/Release/net10.0/HistoryGraph.Bench.Retention.dll [server dll] [old field changes] [seed deliveries] [runs]
var serverDll = Path.GetFullPath(args.Length > 0 ? args[0] : ServerProcess.BuiltDll());
var target = args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
var seed = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5_000;
var runs = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 3;
await using var bench = await SeededBench.StartAsync(serverDll, seed);
var (connectionString, server, client) = (bench.ConnectionString, bench.Server, bench.Client);
var (seedEvents, seedChanges, seedHighest) = await StoreCopies.CountsAsync(connectionString);
var copies = (int)Math.Ceiling(target / (double)seedChanges);
var cutoff = DateTime.UtcNow.AddDays(-365);
var results = new List<RetentionResult>();

for (var run = 1; run <= runs; run++)
{
    await StoreCopies.CopyAsync(connectionString, copies, movedBack: TimeSpan.FromDays(400), upTo: seedHighest);
    var (events, changes, highest) = await StoreCopies.CountsAsync(connectionString);
    await ServerProcess.WaitForFeedAsync(client, highest);
    var purged = await MeasureAsync("HistoryGraph purge mutation", async () =>
    {
        using var response = await client.PostAsJsonAsync("/graphql", new
        {
            query = "mutation($before: DateTime) { purge(before: $before) { status eventsPurged fieldChangesPurged eventsKept } }",
            variables = new { before = cutoff.ToString("O") },
        });
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var purge = answer.RootElement.GetProperty("data").GetProperty("purge");
        if (purge.GetProperty("status").GetString() != "COMPLETED")
            throw new InvalidOperationException(answer.RootElement.ToString());
        return (purge.GetProperty("eventsPurged").GetInt64(), purge.GetProperty("fieldChangesPurged").GetInt64());
    }, run, events, changes);

    await StoreCopies.CopyAsync(connectionString, copies, movedBack: TimeSpan.FromDays(400), upTo: seedHighest);
    (events, changes, highest) = await StoreCopies.CountsAsync(connectionString);
    await ServerProcess.WaitForFeedAsync(client, highest);
    await MeasureAsync("floor: PostgreSQL DELETE", async () =>
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        long removedChanges, removedEvents;
        await using (var command = new NpgsqlCommand("DELETE FROM field_changes f USING change_events e WHERE e.sequence = f.event_sequence AND e.\"timestamp\" < $1", connection, transaction) { CommandTimeout = 0 })
        {
            command.Parameters.Add(new NpgsqlParameter { Value = cutoff });
            removedChanges = await command.ExecuteNonQueryAsync();
        }
        await using (var command = new NpgsqlCommand("DELETE FROM change_events WHERE \"timestamp\" < $1", connection, transaction) { CommandTimeout = 0 })
        {
            command.Parameters.Add(new NpgsqlParameter { Value = cutoff });
            removedEvents = await command.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
        return (removedEvents, removedChanges);
    }, run, events, changes);
    if (purged.EventsRemoved == 0)
        throw new InvalidOperationException("The purge removed nothing.");
}

Console.WriteLine();
Console.WriteLine($"| {runs} runs | old events removed | field changes removed | median s | min | max | field changes/s (median) | sender p50 ms | sender p99 ms | sender max ms |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
foreach (var group in results.GroupBy(r => r.Method))
{
    var seconds = group.Select(r => r.Seconds).Order().ToList();
    var median = group.OrderBy(r => r.Seconds).ElementAt(group.Count() / 2);
    Console.WriteLine(FormattableString.Invariant(
        $"| {group.Key} | {median.EventsRemoved:N0} | {median.ChangesRemoved:N0} | {seconds[seconds.Count / 2]:F1} | {seconds[0]:F1} | {seconds[^1]:F1} | {median.ChangesRemoved / median.Seconds:N0} | {Percentiles.Of([.. group.Select(r => r.SenderP50Ms).Order()], 0.5):F1} | {Percentiles.Of([.. group.Select(r => r.SenderP99Ms).Order()], 0.5):F1} | {Percentiles.Of([.. group.Select(r => r.SenderMaxMs).Order()], 0.5):F0} |"));
}

var resultsFolder = Path.Combine(RepositoryPaths.Root, "bench", "results");
Directory.CreateDirectory(resultsFolder);
var file = Path.Combine(resultsFolder, $"retention-{DateTime.UtcNow:yyyy-MM-dd-HHmm}-{target}-old-field-changes.json");
await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new { Date = DateTime.UtcNow, Environment.ProcessorCount, Seed = seed, SeedEvents = seedEvents, SeedChanges = seedChanges, Results = results },
    new JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine($"results: {file}");
return 0;

// One removal with the sender beside it: its latencies from the moment the removal starts to its end.
async Task<RetentionResult> MeasureAsync(string method, Func<Task<(long Events, long Changes)>> remove, int run, long events, long changes)
{
    using var stop = new CancellationTokenSource();
    // Fresh tables for every removal (creates carrying the whole entity): new events, not duplicates.
    var sender = new SteadySender(client, Workload.Build(15_000, entities: 15_000, SeededBench.Secret, columns: 10), TimeSpan.FromMilliseconds(20));
    var sending = sender.RunAsync(stop.Token);
    await Task.Delay(1_000); // the sender running before the removal starts
    var first = sender.Count;
    var clock = Stopwatch.StartNew();
    var (removedEvents, removedChanges) = await remove();
    clock.Stop();
    var latencies = sender.Since(first);
    await stop.CancelAsync();
    await sending;
    if (sender.Failures.Count > 0)
        throw new InvalidOperationException($"The sender failed beside {method}: {sender.Failures[0]}");
    var result = new RetentionResult(run, method, events, changes, removedEvents, removedChanges, clock.Elapsed.TotalSeconds, latencies.Length,
        Percentiles.Of(latencies, 0.50), Percentiles.Of(latencies, 0.99), latencies.Length == 0 ? double.NaN : latencies[^1]);
    results.Add(result);
    Console.WriteLine(FormattableString.Invariant(
        $"run {run} {method}: {removedEvents:N0} of {events:N0} events, {removedChanges:N0} of {changes:N0} field changes in {result.Seconds:F1} s; sender {latencies.Length} deliveries meanwhile, p50 {result.SenderP50Ms:F1} ms, p99 {result.SenderP99Ms:F1} ms, max {result.SenderMaxMs:F0} ms"));
    return result;
}

/// One removal as measured, with the steady sender's latencies while it ran.
internal sealed record RetentionResult(int Run, string Method, long Events, long Changes, long EventsRemoved, long ChangesRemoved, double Seconds,
    int SenderDeliveries, double SenderP50Ms, double SenderP99Ms, double SenderMaxMs);
