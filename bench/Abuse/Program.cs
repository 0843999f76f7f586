using System.Diagnostics;
using System.Globalization;
using HistoryGraph.TestSupport;

// Abuse benchmark: what each kind of hostile request costs the server (CPU, memory) and what it
// does to a steady OpenMetadata sender beside it. A throwaway PostgreSQL cluster, the server as
// its own process with its default settings, realistic deliveries (20-column tables, creates
// with the whole entity) at 20 a second throughout.
//   baseline: the steady sender alone; then each attack from TestSupport/HostileClients.cs,
//   repeated, with the steady sender running; then a pause for memory to settle.
// Usage: dotnet run -c Release --project bench/Abuse -- <server dll> [runs]
var serverDll = Path.GetFullPath(args.Length > 0 ? args[0] : "src/HistoryGraph/bin/Release/net10.0/HistoryGraph.dll");
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
const string secret = "bench-secret";
var interval = TimeSpan.FromMilliseconds(50);

await using var postgres = await PostgresServer.StartNewAsync();
var rows = new Dictionary<string, List<Measure>>();
for (var run = 1; run <= runs; run++)
{
    var connectionString = await postgres.CreateDatabaseAsync("abuse");
    using var server = ServerProcess.Start(serverDll, connectionString, secret);
    using var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(3) };
    await server.WaitHealthyAsync(client);

    var bodies = Workload.Build(40_000, entities: 4_000, secret, columns: 20);
    foreach (var body in bodies.Take(1_000))
        await Workload.SendAsync(client, body); // JIT warm-up
    var steady = new SteadySender(client, bodies.Skip(1_000).ToList(), interval);
    using var stopSteady = new CancellationTokenSource();
    var steadyTask = steady.RunAsync(stopSteady.Token);

    await Task.Delay(TimeSpan.FromSeconds(5));
    var baselineRss = server.WorkingSet;
    var baselineStart = steady.Count;
    var cpuStart = server.ProcessorTime;
    var clock = Stopwatch.StartNew();
    await Task.Delay(TimeSpan.FromSeconds(15));
    var idleCpuPerSecond = (server.ProcessorTime - cpuStart).TotalSeconds / clock.Elapsed.TotalSeconds;
    Add("baseline (steady sender alone)", new Measure(0, 0, baselineRss, baselineRss, baselineRss, steady.Since(baselineStart), "-"));

    foreach (var attack in HostileClients.All)
    {
        var from = steady.Count;
        var statuses = new List<int>();
        var peak = server.WorkingSet;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, server.WorkingSet);
                await Task.Delay(100);
            }
        });
        var before = server.WorkingSet;
        cpuStart = server.ProcessorTime;
        clock.Restart();
        for (var i = 0; i < attack.Repeat; i++)
            statuses.Add(await attack.RunOnceAsync(client, secret));
        var seconds = clock.Elapsed.TotalSeconds;
        var cpu = (server.ProcessorTime - cpuStart).TotalSeconds - idleCpuPerSecond * seconds;
        sampling.Cancel();
        await sampler;
        // Memory after the burst: give the server up to 20 s to return it.
        var after = server.WorkingSet;
        for (var wait = 0; wait < 20 && after > before + 64L * 1024 * 1024; wait++)
        {
            await Task.Delay(1000);
            after = server.WorkingSet;
        }
        Add(attack.Name, new Measure(cpu * 1000 / attack.Repeat, seconds * 1000 / attack.Repeat, before, peak, after, steady.Since(from),
            string.Join(" ", statuses.GroupBy(s => s).OrderBy(g => g.Key).Select(g => $"{g.Key}x{g.Count()}"))));
        Console.WriteLine($"run {run} {attack.Name}: {rows[attack.Name][^1]}");
    }
    stopSteady.Cancel();
    await steadyTask;
    var healthy = (await client.GetAsync("/health")).IsSuccessStatusCode;
    Console.WriteLine($"run {run}: server healthy {healthy}, steady deliveries acknowledged {steady.Acknowledged}, failed {steady.Failures.Count} {string.Join("; ", steady.Failures.Take(3))}");
}

Console.WriteLine();
Console.WriteLine($"| ({runs} runs, medians, {Environment.ProcessorCount} cores) | server CPU ms per request | wall ms per request | RSS before -> peak -> after (MB) | steady p50 / p99 / max ms | answers |");
Console.WriteLine("|---|---|---|---|---|---|");
foreach (var (name, measures) in rows)
{
    static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
    Console.WriteLine(FormattableString.Invariant(
        $"| {name} | {Median(measures.Select(m => m.CpuMs)):0} | {Median(measures.Select(m => m.WallMs)):0} | {Median(measures.Select(m => m.RssBefore / 1048576.0)):0} -> {Median(measures.Select(m => m.RssPeak / 1048576.0)):0} -> {Median(measures.Select(m => m.RssAfter / 1048576.0)):0} | {Median(measures.Select(m => m.P50)):0.0} / {Median(measures.Select(m => m.P99)):0.0} / {Median(measures.Select(m => m.Max)):0} | {measures[^1].Answers} |"));
}

void Add(string name, Measure measure)
{
    if (!rows.TryGetValue(name, out var list))
        rows[name] = list = [];
    list.Add(measure);
}

internal sealed record Measure(double CpuMs, double WallMs, long RssBefore, long RssPeak, long RssAfter, double[] Steady, string Answers)
{
    public double P50 => Percentiles.Of(Steady, 0.50);
    public double P99 => Percentiles.Of(Steady, 0.99);
    public double Max => Steady.Length == 0 ? double.NaN : Steady[^1];

    public override string ToString() => FormattableString.Invariant(
        $"cpu {CpuMs:0} ms/request, wall {WallMs:0} ms/request, RSS {RssBefore / 1048576} -> {RssPeak / 1048576} -> {RssAfter / 1048576} MB, steady n={Steady.Length} p50 {P50:0.0} p99 {P99:0.0} max {Max:0} ms, answers {Answers}");
}
