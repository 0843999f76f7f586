using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HistoryGraph.Bench.Ingest;
using HistoryGraph.TestSupport;

// Ingest benchmark: a throwaway PostgreSQL cluster, the HistoryGraph server as its own
// process, and a load generator with pre-built, pre-signed bodies on keep-alive connections.
//   1. sequential: one sender, one delivery at a time: latency per acknowledged delivery
//   2. concurrent: 64 senders: events per second, and CPU per event of the server and of PostgreSQL
// Usage: dotnet run -c Release --project bench/Ingest -- <server dll> [runs] [columns] [Key=value ...]
// columns: 0 (default) for the three-column tables of the first recorded results; 10 to 50 for
// tables as OpenMetadata sends them (creates with the whole entity). Key=value: server settings
// (Payloads:TrainDictionaries=false measures events packed with Brotli alone).
// Results go to bench/results/ingest-<time>-<columns>-columns.json.
// After each run, CopyFloor copies the rows stored for the 64-sender phase into empty copies of
// the tables by binary COPY: the floor, in the same run, on the same database.
var serverDll = Path.GetFullPath(args.Length > 0 ? args[0] : "src/HistoryGraph/bin/Release/net10.0/HistoryGraph.dll");
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
var columns = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 0;
var settings = args.Skip(3).ToArray();
const string secret = "bench-secret";
// The warm-up lets the server's JIT reach its steady (tier-1) code before anything is timed.
const int warmupDeliveries = 2_000, sequentialDeliveries = 2_000, concurrentSenders = 64, concurrentDeliveries = 20_000;

await using var postgres = await PostgresServer.StartNewAsync();
var results = new List<(double P50, double P95, double P99, double Throughput, double GeneratorCpu, double Floor, double BytesPerEvent, double ServerCpuMs, double PostgresCpuMs)>();
// The COPY floor needs the server's database; a server started by hand has its own.
var measureFloor = Environment.GetEnvironmentVariable("HISTORYGRAPH_BENCH_URL") is not { Length: > 0 };
for (var run = 1; run <= runs; run++)
{
    var connectionString = await postgres.CreateDatabaseAsync("bench");
    using var server = Environment.GetEnvironmentVariable("HISTORYGRAPH_BENCH_URL") is { Length: > 0 } url
        ? ServerProcess.Existing(new Uri(url))
        : ServerProcess.Start(serverDll, connectionString, secret, settings);
    using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrentSenders, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
    {
        BaseAddress = server.Address,
    };
    await server.WaitHealthyAsync(client);

    var bodies = Workload.Build(warmupDeliveries + sequentialDeliveries + concurrentDeliveries, entities: 2_000, secret, columns);
    foreach (var body in bodies.Take(warmupDeliveries))
        await Workload.SendAsync(client, body);
    var dictionary = measureFloor && !settings.Contains("Payloads:TrainDictionaries=false")
        ? await StoreFacts.WaitForPayloadDictionaryAsync(connectionString, TimeSpan.FromSeconds(60))
        : null;

    var sequential = bodies.Skip(warmupDeliveries).Take(sequentialDeliveries).ToList();
    var latencies = new double[sequential.Count];
    for (var i = 0; i < sequential.Count; i++)
    {
        var start = Stopwatch.GetTimestamp();
        await Workload.SendAsync(client, sequential[i]);
        latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }
    Array.Sort(latencies);

    var concurrent = new Queue<Workload.Body>(bodies.Skip(warmupDeliveries + sequentialDeliveries));
    var firstConcurrent = measureFloor ? await CopyFloor.HighestSequenceAsync(connectionString) + 1 : 0;
    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    var serverCpuBefore = server.ProcessorTime;
    var postgresCpuBefore = PostgresCpu.Read();
    var wall = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, concurrentSenders).Select(async _ =>
    {
        while (true)
        {
            Workload.Body body;
            lock (concurrent)
            {
                if (!concurrent.TryDequeue(out body!))
                    return;
            }
            await Workload.SendAsync(client, body);
        }
    }));
    wall.Stop();
    // CPU per stored event on each side: steadier than events per second on a noisy machine,
    // and what tells where a change saved or cost.
    var serverCpuMs = (server.ProcessorTime - serverCpuBefore).TotalMilliseconds / concurrentDeliveries;
    var postgresCpuMs = PostgresCpu.Since(postgresCpuBefore).TotalMilliseconds / concurrentDeliveries;
    var generatorCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds / wall.Elapsed.TotalSeconds / Environment.ProcessorCount;
    var throughput = concurrentDeliveries / wall.Elapsed.TotalSeconds;

    var bytesPerEvent = measureFloor ? await StoreFacts.BytesPerEventAsync(connectionString) : double.NaN;
    // The same rows by COPY, on the same database, right after: the floor and the ratio to it.
    var floor = measureFloor
        ? (await CopyFloor.MeasureAsync(connectionString, firstConcurrent, await CopyFloor.HighestSequenceAsync(connectionString))).EventsPerSecond
        : double.NaN;

    var result = (Percentiles.Of(latencies, 0.50), Percentiles.Of(latencies, 0.95), Percentiles.Of(latencies, 0.99), throughput, generatorCpu, floor, bytesPerEvent, serverCpuMs, postgresCpuMs);
    results.Add(result);
    Console.WriteLine(FormattableString.Invariant(
        $"run {run}: sequential p50 {result.Item1:0.00} ms, p95 {result.Item2:0.00} ms, p99 {result.Item3:0.00} ms; 64 senders {throughput:0} events/s (generator CPU {generatorCpu:P0} of the machine; CPU per event: server {serverCpuMs:0.000} ms, PostgreSQL {postgresCpuMs:0.000} ms); COPY of the same rows {floor:0} events/s, ratio {throughput / floor:0.00}; {bytesPerEvent:0} bytes per event; payload dictionary {(dictionary is { } r ? r.ToString("P1", CultureInfo.InvariantCulture) + " of the JSON" : "none")}"));
}

Console.WriteLine();
Console.WriteLine($"| measure ({runs} runs, {Environment.ProcessorCount} cores) | median | min | max |");
Console.WriteLine("|---|---|---|---|");
Row("sequential p50 (ms)", results.Select(r => r.P50));
Row("sequential p95 (ms)", results.Select(r => r.P95));
Row("sequential p99 (ms)", results.Select(r => r.P99));
Row("64 senders (events/s)", results.Select(r => r.Throughput));
Row("generator CPU share", results.Select(r => r.GeneratorCpu * 100));
Row("server CPU per event (ms)", results.Select(r => r.ServerCpuMs));
Row("PostgreSQL CPU per event (ms)", results.Select(r => r.PostgresCpuMs));
if (measureFloor)
{
    Row("COPY of the same rows (events/s)", results.Select(r => r.Floor));
    Row("64 senders / COPY", results.Select(r => r.Throughput / r.Floor));
    Row("bytes per event on disk", results.Select(r => r.BytesPerEvent));
}

// Every run's figures and the settings they were taken with, for bench/results.
var resultsFile = Path.Combine(RepositoryPaths.Root, "bench", "results", $"ingest-{DateTime.UtcNow:yyyy-MM-dd-HHmm}-{columns}-columns.json");
Directory.CreateDirectory(Path.GetDirectoryName(resultsFile)!);
await File.WriteAllTextAsync(resultsFile, JsonSerializer.Serialize(new
{
    Date = DateTime.UtcNow, Environment.ProcessorCount, Columns = columns, Settings = settings,
    WarmupDeliveries = warmupDeliveries, SequentialDeliveries = sequentialDeliveries, ConcurrentSenders = concurrentSenders, ConcurrentDeliveries = concurrentDeliveries,
    Runs = results.Select(r => new
    {
        SequentialP50Ms = r.P50, SequentialP95Ms = r.P95, SequentialP99Ms = r.P99, EventsPerSecond = r.Throughput, GeneratorCpuShare = r.GeneratorCpu,
        ServerCpuMsPerEvent = r.ServerCpuMs, PostgresCpuMsPerEvent = r.PostgresCpuMs,
        CopyFloorEventsPerSecond = double.IsNaN(r.Floor) ? (double?)null : r.Floor, BytesPerEvent = double.IsNaN(r.BytesPerEvent) ? (double?)null : r.BytesPerEvent,
    }),
}, new JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine($"results: {resultsFile}");

static void Row(string name, IEnumerable<double> values)
{
    var sorted = values.Order().ToList();
    Console.WriteLine(FormattableString.Invariant($"| {name} | {sorted[sorted.Count / 2]:0.00} | {sorted[0]:0.00} | {sorted[^1]:0.00} |"));
}

