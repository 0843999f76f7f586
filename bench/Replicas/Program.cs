using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using HistoryGraph.TestSupport;
using Npgsql;

// Read replicas: a PostgreSQL primary and a streaming standby (pg_basebackup -R) on this
// machine, one loaded history, and two servers measured in turn on it: reads on the primary
// alone (one host), and reads on the standby (both hosts, Storage:ReadFrom=PreferStandby).
// Each run: 8 query clients closed loop (an entity's history, a prefix's recent events, a day's
// statistics) while one sender delivers new events as fast as they are acknowledged. Reported:
// queries/s, the sender's events/s and p99, each cluster's CPU per query, and the share of
// answers the standby gave. Median of the runs, with min and max.
// Usage: dotnet run -c Release --project bench/Replicas -- [server dll] [runs] [seconds] [events]
var dll = args.Length > 0 && args[0].Length > 0 ? Path.GetFullPath(args[0]) : ServerProcess.BuiltDll();
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
var seconds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20;
var events = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 20_000;
const string secret = "replica-bench-secret";

await using var primary = await PostgresServer.StartNewAsync();
var database = new NpgsqlConnectionStringBuilder(await primary.CreateDatabaseAsync("replicas")).Database;
await using var standby = await primary.StartStandbyAsync();
var primaryOnly = $"Host=127.0.0.1:{primary.Port};Database={database};Username=postgres";
var bothHosts = $"Host=127.0.0.1:{primary.Port},127.0.0.1:{standby.Port};Database={database};Username=postgres";

// Load, through the primary-only server: tables of 10 columns, 2,000 of them.
var bodies = Workload.Build(events + 60_000, entities: 2_000, secret, columns: 10);
var sent = 0;
using (var loader = ServerProcess.Start(dll, primaryOnly, secret))
{
    using var client = new HttpClient { BaseAddress = loader.Address };
    await loader.WaitHealthyAsync(client);
    await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(async () =>
    {
        for (var i = Interlocked.Increment(ref sent) - 1; i < events; i = Interlocked.Increment(ref sent) - 1)
            await Workload.SendAsync(client, bodies[i]);
    })));
}
sent = events;
Console.WriteLine($"loaded {events:N0} events; {Environment.ProcessorCount} cores; {runs} runs of {seconds} s per setting");

var entityIds = new List<Guid>();
await using (var db = new NpgsqlConnection(primaryOnly))
{
    await db.OpenAsync();
    await using var command = new NpgsqlCommand("SELECT entity_id FROM entities ORDER BY entity_id LIMIT 500", db);
    await using var reader = await command.ExecuteReaderAsync();
    while (await reader.ReadAsync())
        entityIds.Add(reader.GetGuid(0));
}
var day = DateTimeOffset.FromUnixTimeMilliseconds(1_790_000_000_000).UtcDateTime;
object Query(int i) => (i % 3) switch
{
    0 => new { query = "query($id: UUID!) { versions(where: { entityId: { eq: $id } }, first: 20) { nodes { version changedAt changedBy eventType } } }", variables = new { id = entityIds[i % entityIds.Count] } },
    1 => new { query = "query($p: String!) { events(where: { fqn: { startsWith: $p } }, order: [{ timestamp: DESC }], first: 20) { nodes { sequence eventType fqn userName timestamp } } }", variables = new { p = $"mysql_prod.shop.public.table_{i % 200}" } },
    _ => new { query = "query($from: DateTime!, $to: DateTime!) { changeStats(from: $from, to: $to, bucket: HOUR) { start count } }", variables = new { from = day, to = day.AddDays(1) } },
};

var results = new Dictionary<string, List<Measure>> { ["primary alone"] = [], ["standby reads"] = [] };
for (var run = 1; run <= runs; run++)
{
    foreach (var (name, connection, settings) in new[] { ("primary alone", primaryOnly, Array.Empty<string>()), ("standby reads", bothHosts, new[] { "Storage:ReadFrom=PreferStandby" }) })
    {
        using var server = ServerProcess.Start(dll, connection, secret, settings);
        using var client = new HttpClient { BaseAddress = server.Address };
        await server.WaitHealthyAsync(client);
        await RunAsync(client, TimeSpan.FromSeconds(3)); // warm-up
        var primaryCpu = PostgresCpu.Read(primary.PostmasterPid);
        var standbyCpu = PostgresCpu.Read(standby.PostmasterPid);
        var measure = await RunAsync(client, TimeSpan.FromSeconds(seconds));
        measure = measure with
        {
            PrimaryCpuMsPerQuery = PostgresCpu.Since(primaryCpu, primary.PostmasterPid).TotalMilliseconds / measure.Queries,
            StandbyCpuMsPerQuery = PostgresCpu.Since(standbyCpu, standby.PostmasterPid).TotalMilliseconds / measure.Queries,
        };
        results[name].Add(measure);
        Console.WriteLine(FormattableString.Invariant($"run {run} {name}: {measure.QueriesPerSecond:F0} queries/s ({measure.StandbyShare:P0} from the standby), sender {measure.EventsPerSecond:F0} events/s p99 {measure.AckP99Ms:F1} ms, CPU per query primary {measure.PrimaryCpuMsPerQuery:F2} ms standby {measure.StandbyCpuMsPerQuery:F2} ms"));
    }
}

Console.WriteLine();
Console.WriteLine("| measure | primary alone (median, min-max) | standby reads (median, min-max) |");
Console.WriteLine("|---|---|---|");
foreach (var (label, pick, format) in new (string, Func<Measure, double>, string)[]
{
    ("queries/s (8 clients)", m => m.QueriesPerSecond, "F0"),
    ("answers from the standby", m => m.StandbyShare * 100, "F0"),
    ("sender events/s", m => m.EventsPerSecond, "F0"),
    ("sender p99 (ms)", m => m.AckP99Ms, "F1"),
    ("primary CPU per query (ms)", m => m.PrimaryCpuMsPerQuery, "F2"),
    ("standby CPU per query (ms)", m => m.StandbyCpuMsPerQuery, "F2"),
})
    Console.WriteLine($"| {label} | {Summary(results["primary alone"].Select(pick), format)} | {Summary(results["standby reads"].Select(pick), format)} |");

Directory.CreateDirectory(Path.Combine(RepositoryPaths.Root, "bench", "results"));
var file = Path.Combine(RepositoryPaths.Root, "bench", "results", $"replicas-{DateTime.UtcNow:yyyyMMdd-HHmm}.json");
await File.WriteAllTextAsync(file, JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine($"written to {file}");
return 0;

static string Summary(IEnumerable<double> values, string format)
{
    var sorted = values.Order().ToList();
    return $"{sorted[sorted.Count / 2].ToString(format, CultureInfo.InvariantCulture)} ({sorted[0].ToString(format, CultureInfo.InvariantCulture)}-{sorted[^1].ToString(format, CultureInfo.InvariantCulture)})";
}

async Task<Measure> RunAsync(HttpClient client, TimeSpan length)
{
    using var stop = new CancellationTokenSource(length);
    long queries = 0, fromStandby = 0;
    var latencies = new List<double>();
    var clock = Stopwatch.StartNew();
    var readers = Enumerable.Range(0, 8).Select(c => Task.Run(async () =>
    {
        for (var i = c; !stop.IsCancellationRequested; i += 8)
        {
            using var response = await client.PostAsJsonAsync("/graphql", Query(i));
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadAsStringAsync();
            if (body.Contains("\"errors\"", StringComparison.Ordinal))
                throw new InvalidOperationException(body);
            Interlocked.Increment(ref queries);
            if (response.Headers.TryGetValues("HistoryGraph-Read-From", out var source) && source.Single() == "standby")
                Interlocked.Increment(ref fromStandby);
        }
    })).ToList();
    var written = 0;
    var sender = Task.Run(async () =>
    {
        while (!stop.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            await Workload.SendAsync(client, bodies[Interlocked.Increment(ref sent) - 1]);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            written++;
        }
    });
    await Task.WhenAll(readers.Append(sender));
    var elapsed = clock.Elapsed.TotalSeconds;
    latencies.Sort();
    return new Measure(queries, queries / elapsed, (double)fromStandby / Math.Max(1, queries), written / elapsed, Percentiles.Of(latencies, 0.99), 0, 0);
}

internal sealed record Measure(long Queries, double QueriesPerSecond, double StandbyShare, double EventsPerSecond, double AckP99Ms, double PrimaryCpuMsPerQuery, double StandbyCpuMsPerQuery);
