using System.Diagnostics;
using System.Globalization;
using HistoryGraph.Bench.Live;
using HistoryGraph.TestSupport;

// Live fan-out benchmark: a throwaway PostgreSQL cluster, the HistoryGraph server as its own
// process, N WebSocket subscribers (graphql-transport-ws) each subscribed to every change, and
// events delivered at a steady rate. Event-to-client latency: from the moment the webhook
// delivery is sent to the moment each subscriber has the event.
// Usage: dotnet run -c Release --project bench/Live -- <server dll> [runs] [subscribers] [events/s] [seconds] [columns]
// columns: 0 (default) for three-column tables; 10 to 50 for tables as OpenMetadata sends them.
// HISTORYGRAPH_BENCH_QUERY replaces the subscription; its results must carry a `sequence`.
var serverDll = Path.GetFullPath(args.Length > 0 ? args[0] : "src/HistoryGraph/bin/Release/net10.0/HistoryGraph.dll");
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
var subscribers = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5_000;
var rate = args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) : 10;
var seconds = args.Length > 4 ? double.Parse(args[4], CultureInfo.InvariantCulture) : 30;
var columns = args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 0;
const string secret = "bench-secret";
var query = Environment.GetEnvironmentVariable("HISTORYGRAPH_BENCH_QUERY") is { Length: > 0 } custom
    ? custom
    : "subscription { changes { sequence eventType fqn userName timestamp fieldChanges { path changeType } } }";
const int warmupEvents = 200;
var events = (int)(rate * seconds);

await using var postgres = await PostgresServer.StartNewAsync();
var results = new List<double[]>();
for (var run = 1; run <= runs; run++)
{
    var connectionString = await postgres.CreateDatabaseAsync("bench");
    using var server = ServerProcess.Start(serverDll, connectionString, secret, $"Subscriptions:MaxConnections={subscribers + 100}");
    using var client = new HttpClient { BaseAddress = server.Address };
    await server.WaitHealthyAsync(client);
    var bodies = Workload.Build(warmupEvents + events, entities: 2_000, secret, columns);

    // Warm-up: a few subscribers and events, so that the server's JIT reaches its steady code.
    var warm = new List<Subscriber>();
    for (var i = 0; i < 20; i++)
    {
        var subscriber = new Subscriber(warmupEvents);
        await subscriber.StartAsync(server.Address, query);
        warm.Add(subscriber);
    }
    foreach (var body in bodies.Take(warmupEvents))
        await Workload.SendAsync(client, body);
    await Task.Delay(1000);
    foreach (var subscriber in warm)
        await subscriber.DisposeAsync();
    await Task.Delay(1000);
    var memoryBefore = server.WorkingSet;

    var connecting = Stopwatch.StartNew();
    var all = new Subscriber[subscribers];
    using (var gate = new SemaphoreSlim(64))
    {
        await Task.WhenAll(Enumerable.Range(0, subscribers).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                all[i] = new Subscriber(events);
                await all[i].StartAsync(server.Address, query);
            }
            finally
            {
                gate.Release();
            }
        }));
    }
    connecting.Stop();
    GC.Collect();
    var memoryWithSubscribers = server.WorkingSet;

    // Events at a steady rate; each delivery's send moment is kept by the sequence it got.
    var sentAt = new Dictionary<long, long>();
    var serverCpu = server.ProcessorTime;
    var generatorCpu = Process.GetCurrentProcess().TotalProcessorTime;
    var wall = Stopwatch.StartNew();
    var interval = TimeSpan.FromSeconds(1 / rate);
    var sends = new List<Task>();
    for (var i = 0; i < events; i++)
    {
        var due = interval * i - wall.Elapsed;
        if (due > TimeSpan.Zero)
            await Task.Delay(due);
        var body = bodies[warmupEvents + i];
        sends.Add(Task.Run(async () =>
        {
            var start = Stopwatch.GetTimestamp();
            var sequence = await Workload.SendAsync(client, body);
            lock (sentAt)
                sentAt[sequence] = start;
        }));
    }
    await Task.WhenAll(sends);
    // Wait until every subscriber has the last event (or 30 s passed). A subscription that merges
    // updates (changeStats: one per bucket and commit) gets fewer messages than events, but the last.
    var expected = events;
    var last = sentAt.Keys.Max();
    for (var waited = 0; waited < 300 && all.Any(s => s.Received.Count < expected && s.LastSequence < last); waited++)
        await Task.Delay(100);
    wall.Stop();
    var serverShare = (server.ProcessorTime - serverCpu).TotalSeconds / wall.Elapsed.TotalSeconds / Environment.ProcessorCount;
    var generatorShare = (Process.GetCurrentProcess().TotalProcessorTime - generatorCpu).TotalSeconds / wall.Elapsed.TotalSeconds / Environment.ProcessorCount;

    var latencies = new List<double>(subscribers * events);
    var missing = 0;
    var outOfOrder = 0;
    foreach (var subscriber in all)
    {
        missing += Math.Max(0, expected - subscriber.Received.Count);
        long previous = -1;
        foreach (var (sequence, receivedAt) in subscriber.Received)
        {
            if (sequence <= previous)
                outOfOrder++;
            previous = sequence;
            if (sentAt.TryGetValue(sequence, out var start))
                latencies.Add(Stopwatch.GetElapsedTime(start, receivedAt).TotalMilliseconds);
        }
    }
    latencies.Sort();
    var result = new[]
    {
        Percentiles.Of(latencies, 0.50), Percentiles.Of(latencies, 0.95), Percentiles.Of(latencies, 0.99), latencies.Count == 0 ? double.NaN : latencies[^1],
        missing, outOfOrder, serverShare * 100, generatorShare * 100, memoryWithSubscribers / 1048576.0, connecting.Elapsed.TotalSeconds,
        (memoryWithSubscribers - memoryBefore) / 1024.0 / subscribers,
    };
    results.Add(result);
    Console.WriteLine(FormattableString.Invariant(
        $"run {run}: {subscribers} subscribers, {events} events at {rate}/s: p50 {result[0]:0.0} ms, p95 {result[1]:0.0} ms, p99 {result[2]:0.0} ms, max {result[3]:0.0} ms; missing {missing}, out of order {outOfOrder}; server CPU {result[6]:0}%, generator CPU {result[7]:0}%, server memory {result[8]:0} MB ({result[10]:0.0} KB per idle subscriber); connecting took {result[9]:0.0} s"));
    foreach (var subscriber in all)
        await subscriber.DisposeAsync();
}

Console.WriteLine();
Console.WriteLine($"| measure ({runs} runs, {Environment.ProcessorCount} cores, {subscribers} subscribers, {rate} events/s for {seconds} s) | median | min | max |");
Console.WriteLine("|---|---|---|---|");
string[] names = ["event-to-client p50 (ms)", "p95 (ms)", "p99 (ms)", "max (ms)", "events missing", "events out of order", "server CPU share (%)", "generator CPU share (%)", "server memory with subscribers (MB)", "connecting all subscribers (s)", "server memory per idle subscriber (KB)"];
for (var i = 0; i < names.Length; i++)
{
    var sorted = results.Select(r => r[i]).Order().ToList();
    Console.WriteLine(FormattableString.Invariant($"| {names[i]} | {sorted[sorted.Count / 2]:0.0} | {sorted[0]:0.0} | {sorted[^1]:0.0} |"));
}

var resultsFolder = Path.Combine(RepositoryPaths.Root, "bench", "results");
Directory.CreateDirectory(resultsFolder);
var file = Path.Combine(resultsFolder, $"live-{DateTime.UtcNow:yyyy-MM-dd-HHmm}-{subscribers}.json");
await File.WriteAllTextAsync(file, System.Text.Json.JsonSerializer.Serialize(new
{
    Date = DateTime.UtcNow, Environment.ProcessorCount, Runs = runs, Subscribers = subscribers, EventsPerSecond = rate, Seconds = seconds, Query = query,
    Measures = names.Select((name, i) => new { Measure = name, Runs = results.Select(r => r[i]).ToArray() }),
}, new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine($"results: {file}");

