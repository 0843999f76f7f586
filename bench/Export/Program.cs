using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HistoryGraph.Bench.Export;
using HistoryGraph.TestSupport;
using nietras.SeparatedValues;
using Npgsql;

// Export benchmark: a throwaway PostgreSQL cluster and HistoryGraph (Release build, its own
// process). A seed of OpenMetadata-shaped deliveries (10-column tables, creates carrying the whole
// entity) is stored through signed webhooks and exported; then the store's events and field
// changes are copied by SQL (new sequences, same content) until it holds the asked number of
// field changes, and exported again. Each export is read to the end by a CSV parser (or counted
// by lines for NDJSON), its rows compared with the store's count, while the server's working set
// is sampled every 50 ms: constant memory shows as the same peak at both sizes.
// At the full size each export runs `runs` times, beside the floor: PostgreSQL's own COPY of the
// same rows and columns as CSV (the join for the event type included), read by the same client.
// Usage: dotnet bench/Export/bin/Release/net10.0/HistoryGraph.Bench.Export.dll [server dll] [field changes] [seed deliveries] [runs]
//        ... HistoryGraph.Bench.Export.dll slow-readers [server dll] [readers] [seconds] [runs]: SlowReaders.cs
if (args is ["slow-readers", ..])
    return await SlowReaders.RunAsync(Path.GetFullPath(args.Length > 1 ? args[1] : ServerProcess.BuiltDll()),
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100, args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 60,
        args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 3);
var serverDll = Path.GetFullPath(args.Length > 0 ? args[0] : ServerProcess.BuiltDll());
var target = args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
var seed = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5_000;
var runs = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 3;
await using var bench = await SeededBench.StartAsync(serverDll, seed);
var (connectionString, server, client) = (bench.ConnectionString, bench.Server, bench.Client);
var results = new List<ExportResult>();
await ExportAllAsync("seed");

var (events, changes, _) = await StoreCopies.CountsAsync(connectionString);
var copies = (int)Math.Ceiling(target / (double)changes) - 1;
var copying = Stopwatch.StartNew();
await StoreCopies.CopyAsync(connectionString, copies);
copying.Stop();
(events, changes, var highest) = await StoreCopies.CountsAsync(connectionString);
await ServerProcess.WaitForFeedAsync(client, highest);
Console.WriteLine(FormattableString.Invariant($"copied to {events:N0} events, {changes:N0} field changes in {copying.Elapsed.TotalSeconds:F0} s"));
for (var run = 1; run <= runs; run++)
{
    await ExportAllAsync("copied");
    await FloorAsync();
}
Console.WriteLine();
Console.WriteLine($"| at {changes:N0} field changes ({runs} runs) | median s | min | max | rows/s (median) | server working set rise, median (MB) |");
Console.WriteLine("|---|---|---|---|---|---|");
foreach (var group in results.Where(r => r.Stage == "copied").GroupBy(r => r.Format))
{
    var seconds = group.Select(r => r.Seconds).Order().ToList();
    var rises = group.Select(r => r.WorkingSetPeakMb - r.WorkingSetBeforeMb).Order().ToList();
    Console.WriteLine(FormattableString.Invariant(
        $"| {group.Key} | {seconds[seconds.Count / 2]:F1} | {seconds[0]:F1} | {seconds[^1]:F1} | {group.First().Rows / seconds[seconds.Count / 2]:N0} | {rises[rises.Count / 2]:F0} |"));
}

var resultsFolder = Path.Combine(RepositoryPaths.Root, "bench", "results");
Directory.CreateDirectory(resultsFolder);
var file = Path.Combine(resultsFolder, $"export-{DateTime.UtcNow:yyyy-MM-dd-HHmm}-{changes}.json");
await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new { Date = DateTime.UtcNow, Environment.ProcessorCount, Seed = seed, Results = results },
    new JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine($"results: {file}");
return 0;

async Task ExportAllAsync(string stage)
{
    var (_, stored, _) = await StoreCopies.CountsAsync(connectionString);
    foreach (var format in new[] { "csv", "ndjson" })
    {
        var before = server.WorkingSet;
        var peak = before;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, server.WorkingSet);
                await Task.Delay(50);
            }
        });
        var cpu = server.ProcessorTime;
        var clock = Stopwatch.StartNew();
        using var response = await client.GetAsync($"/export?format={format}", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        var counting = new CountingStream(await response.Content.ReadAsStreamAsync());
        long rows = 0;
        if (format == "csv")
        {
            using var reader = Sep.Reader(o => o with { Unescape = true }).From(counting);
            foreach (var _ in reader)
                rows++;
        }
        else
        {
            using var lines = new StreamReader(counting);
            while (await lines.ReadLineAsync() is not null)
                rows++;
        }
        clock.Stop();
        await sampling.CancelAsync();
        await sampler;
        var serverCpu = (server.ProcessorTime - cpu).TotalSeconds;
        var result = new ExportResult(stage, format, rows, stored, clock.Elapsed.TotalSeconds, rows / clock.Elapsed.TotalSeconds,
            counting.Bytes / 1048576.0, serverCpu, before / 1048576.0, peak / 1048576.0);
        results.Add(result);
        Console.WriteLine(FormattableString.Invariant(
            $"{stage} {format}: {rows:N0} rows ({stored:N0} stored{(rows == stored ? "" : " - MISMATCH")}), {result.Megabytes:F0} MB in {result.Seconds:F1} s ({result.RowsPerSecond:N0} rows/s), server CPU {serverCpu:F1} s, working set {result.WorkingSetBeforeMb:F0} MB before, {result.WorkingSetPeakMb:F0} MB peak"));
    }
}

// The floor: PostgreSQL writing the same rows and columns as CSV itself, no server in between.
async Task FloorAsync()
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    var clock = Stopwatch.StartNew();
    using var reader = await connection.BeginTextExportAsync("""
        COPY (SELECT f.changed_at, f.event_sequence, f.changed_by, coalesce(a.is_bot, false), f.entity_type, f.entity_fqn, e.event_type, f.version,
                     f.path, f."column", f.category, f.change_type, f.old_value, f.new_value
              FROM field_changes f JOIN change_events e ON e.sequence = f.event_sequence LEFT JOIN actors a ON a.name = f.changed_by
              ORDER BY f.event_sequence, f.ordinal) TO STDOUT (FORMAT csv, HEADER)
        """);
    var buffer = new char[64 * 1024];
    long chars = 0, rows = -1;
    for (int read; (read = await reader.ReadAsync(buffer, 0, buffer.Length)) > 0;)
    {
        chars += read;
        rows += buffer.AsSpan(0, read).Count('\n');
    }
    clock.Stop();
    var result = new ExportResult("copied", "floor: PostgreSQL COPY csv", rows, rows, clock.Elapsed.TotalSeconds, rows / clock.Elapsed.TotalSeconds, chars / 1048576.0, 0, 0, 0);
    results.Add(result);
    Console.WriteLine(FormattableString.Invariant($"floor: COPY csv, {rows:N0} lines, {result.Megabytes:F0} MB in {result.Seconds:F1} s ({result.RowsPerSecond:N0} rows/s)"));
}

/// One export as measured.
internal sealed record ExportResult(string Stage, string Format, long Rows, long Stored, double Seconds, double RowsPerSecond, double Megabytes,
    double ServerCpuSeconds, double WorkingSetBeforeMb, double WorkingSetPeakMb);
