using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using HistoryGraph.Bench.Reconciliation;
using HistoryGraph.Ingestion.OpenMetadata;
using HistoryGraph.TestSupport;
using Npgsql;

// Reconciliation benchmark: a throwaway PostgreSQL cluster, HistoryGraph (Release build, its own
// process) and an OpenMetadata stand-in on 127.0.0.1 that answers as the newest releases do.
// A day of OpenMetadata history (hourly windows, 10-column tables, creates carrying the whole
// entity) is made: 2% of its events never reach the webhook (only the log has them), and one
// table in a hundred per hour gets a version bulk ingestion saved without any event. The rest is
// stored through signed webhooks, then the store is grown by SQL copies moved 400 days back to
// the asked size. Each run starts from a copy of that database (CREATE DATABASE ... TEMPLATE) and
// measures, for OpenMetadata with and without the history endpoint:
// 1. the first pass over the day's windows, which stores what was missed;
// 2. a second pass over the same windows (their records removed), with nothing missing: the
//    steady cost of checking;
// 3. the floor, in the same run: reading the same log pages (and history pages) from the
//    stand-in and looking their events (and versions) up in PostgreSQL, page by page: what any
//    comparison must do at least.
// Usage: dotnet bench/Reconciliation/bin/Release/net10.0/HistoryGraph.Bench.Reconciliation.dll [server dll] [store events] [runs] [events per hour] [hours]
var serverDll = Path.GetFullPath(args.Length > 0 ? args[0] : ServerProcess.BuiltDll());
var storeEvents = args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
var perHour = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 1_000;
var hours = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 24;
const string Secret = "bench-secret";

// The day: `hours` whole hours ending two hours ago (older than the settle time, within the log's retention).
var start = new DateTime(DateTime.UtcNow.Ticks / TimeSpan.TicksPerHour * TimeSpan.TicksPerHour, DateTimeKind.Utc).AddHours(-hours - 2);
var history = OpenMetadataDay.Make(start, hours, perHour);
Console.WriteLine($"history: {history.Log.Count:N0} logged events ({history.Webhook.Count:N0} sent by webhook, {history.Log.Count - history.Webhook.Count:N0} missed), " +
    $"{history.Bulk:N0} versions saved without an event, {history.Versions.Count:N0} versions");

await using var postgres = await PostgresServer.StartNewAsync();
var template = await postgres.CreateDatabaseAsync("template");
using (var loader = ServerProcess.Start(serverDll, template, Secret))
{
    using var client = new HttpClient { BaseAddress = loader.Address, Timeout = Timeout.InfiniteTimeSpan };
    await loader.WaitHealthyAsync(client);
    var bodies = history.Webhook.Select(e => e.ToBytes()).Select(b => new Workload.Body(b, WebhookSignature.Sign(b, Secret))).ToList();
    // Hour by hour, four senders within an hour: an entity's versions arrive in order of hours.
    foreach (var hour in bodies.Chunk(perHour))
        await Parallel.ForEachAsync(hour, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (body, _) => await Workload.SendAsync(client, body));
}
var (loaded, _, _) = await StoreCopies.CountsAsync(template);
var copies = (int)Math.Max(0, Math.Ceiling((storeEvents - loaded) / (double)loaded));
await StoreCopies.CopyAsync(template, copies, movedBack: TimeSpan.FromDays(400));
var (events, changes, _) = await StoreCopies.CountsAsync(template);
Console.WriteLine($"store: {events:N0} events, {changes:N0} field changes");

await using var openMetadata = new OpenMetadataStandIn(history.Log.Select(e => (e.Timestamp, e.ToJson())), history.Versions);
await openMetadata.StartAsync();
var results = new List<PassResult>();
var templateName = new NpgsqlConnectionStringBuilder(template).Database!;
for (var run = 1; run <= runs; run++)
{
    foreach (var withHistory in new[] { true, false })
    {
        openMetadata.WithHistory = withHistory;
        var mode = withHistory ? "history endpoint" : "no history endpoint";
        var database = await CopyDatabaseAsync(templateName, $"run{run}_{(withHistory ? "h" : "n")}");
        using (var server = ServerProcess.Start(serverDll, database, Secret, $"OpenMetadata:ApiUrl={openMetadata.ApiUrl}", "OpenMetadata:BotToken=bench-bot-token",
            $"Reconciliation:Since={start:O}", "Reconciliation:WindowMinutes=60", "Reconciliation:SettleMinutes=0",
            $"Reconciliation:MaxWindowsPerPass={hours}", "Reconciliation:PassIntervalSeconds=1", "Serilog:MinimumLevel:Override:HistoryGraph.Completeness=Warning"))
        {
            using var client = new HttpClient { BaseAddress = server.Address };
            await server.WaitHealthyAsync(client);
            foreach (var pass in new[] { "first pass (stores what was missed)", "second pass (nothing missing)" })
            {
                var (cpu, requests) = (server.ProcessorTime, openMetadata.Requests);
                var seconds = await PassAsync(database, hours);
                var stored = await StoredAsync(database);
                results.Add(new PassResult(run, mode, pass, seconds, (server.ProcessorTime - cpu).TotalSeconds, server.PeakWorkingSet / 1024.0 / 1024.0,
                    openMetadata.Requests - requests, stored.Backfill, stored.Repaired, stored.Gaps));
                Console.WriteLine(FormattableString.Invariant(
                    $"run {run} {mode}, {pass}: {seconds:F1} s, server CPU {results[^1].ServerCpuSeconds:F1} s, peak {results[^1].PeakMb:F0} MB, {results[^1].Requests:N0} requests; stored BACKFILL {stored.Backfill:N0}, VERSION_REPAIR {stored.Repaired:N0}, open gaps {stored.Gaps:N0}"));
                await ExecuteAsync(database, "DELETE FROM reconciled_windows");
            }
        }
        var floor = await FloorAsync(database, withHistory);
        results.Add(new PassResult(run, mode, "floor: read the pages, look them up", floor, 0, 0, 0, 0, 0, 0));
        Console.WriteLine(FormattableString.Invariant($"run {run} {mode}, floor: {floor:F1} s"));
        await ExecuteAsync(postgres.ConnectionString("postgres"), $"DROP DATABASE \"{new NpgsqlConnectionStringBuilder(database).Database}\" WITH (FORCE)");
    }
}

Console.WriteLine();
Console.WriteLine($"| {runs} runs, {events:N0} events stored, {hours} windows of {perHour:N0} events | median s | min | max | server CPU s (median) | peak RSS MB | requests to OpenMetadata | BACKFILL | VERSION_REPAIR | open gaps |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
foreach (var group in results.GroupBy(r => (r.Mode, r.Pass)))
{
    var sorted = group.OrderBy(r => r.Seconds).ToList();
    var median = sorted[sorted.Count / 2];
    Console.WriteLine(FormattableString.Invariant(
        $"| {group.Key.Mode}: {group.Key.Pass} | {median.Seconds:F1} | {sorted[0].Seconds:F1} | {sorted[^1].Seconds:F1} | {group.Select(r => r.ServerCpuSeconds).Order().ElementAt(sorted.Count / 2):F1} | {group.Max(r => r.PeakMb):F0} | {median.Requests:N0} | {median.Backfill:N0} | {median.Repaired:N0} | {median.Gaps:N0} |"));
}
var resultsFolder = Path.Combine(RepositoryPaths.Root, "bench", "results");
Directory.CreateDirectory(resultsFolder);
var file = Path.Combine(resultsFolder, $"reconciliation-{DateTime.UtcNow:yyyy-MM-dd-HHmm}-{events}-events.json");
await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new { Date = DateTime.UtcNow, Environment.ProcessorCount, Events = events, Hours = hours, PerHour = perHour, Results = results },
    new JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine($"results: {file}");
return 0;

async Task<string> CopyDatabaseAsync(string from, string name)
{
    NpgsqlConnection.ClearAllPools(); // no connection of this process may stay on the template
    await ExecuteAsync(postgres.ConnectionString("postgres"), $"CREATE DATABASE \"{name}\" TEMPLATE \"{from}\"");
    return postgres.ConnectionString(name);
}

// From the first window's check to the moment every window is recorded (polled every 50 ms).
static async Task<double> PassAsync(string database, int windows)
{
    var deadline = DateTime.UtcNow.AddMinutes(30);
    while (DateTime.UtcNow < deadline)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*), min(checked_at), count(*) FILTER (WHERE error IS NOT NULL), min(error) FROM reconciled_windows", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        if (reader.GetInt64(2) > 0)
            throw new InvalidOperationException($"A window failed: {reader.GetString(3)}");
        if (reader.GetInt64(0) >= windows)
            return (DateTime.UtcNow - reader.GetDateTime(1).ToUniversalTime()).TotalSeconds;
        await Task.Delay(50);
    }
    throw new TimeoutException("The reconciler did not check every window in 30 minutes.");
}

static async Task<(long Backfill, long Repaired, long Gaps)> StoredAsync(string database)
{
    await using var connection = new NpgsqlConnection(database);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand("""
        SELECT count(*) FILTER (WHERE origin = 'BACKFILL'), count(*) FILTER (WHERE origin = 'VERSION_REPAIR'),
               (SELECT count(*) FROM known_gaps WHERE recovered_at IS NULL)
        FROM change_events WHERE origin <> 'WEBHOOK'
        """, connection);
    await using var reader = await command.ExecuteReaderAsync();
    await reader.ReadAsync();
    return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
}

// The comparison alone: every window's log pages (and tables' history pages) read and parsed,
// and their events (versions) looked up in the store, one query per page.
async Task<double> FloorAsync(string database, bool withHistory)
{
    using var http = new HttpClient { BaseAddress = new Uri(openMetadata.ApiUrl + "/") };
    await using var connection = new NpgsqlConnection(database);
    await connection.OpenAsync();
    var clock = Stopwatch.StartNew();
    long found = 0;
    for (var hour = 0; hour < hours; hour++)
    {
        var (from, to) = (new DateTimeOffset(start.AddHours(hour)).ToUnixTimeMilliseconds(), new DateTimeOffset(start.AddHours(hour + 1)).ToUnixTimeMilliseconds() - 1);
        foreach (var items in Pages(http, $"v1/events?entityCreated=*&entityUpdated=*&entityRestored=*&entityDeleted=*&timestamp={from}&endTs={to}&limit=500"))
        {
            await using var command = new NpgsqlCommand("SELECT count(*) FROM change_events WHERE event_key = ANY($1)", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = items.Select(e => e["id"]!.GetValue<string>()).ToArray() });
            found += (long)(await command.ExecuteScalarAsync())!;
        }
        if (!withHistory)
            continue;
        await foreach (var items in PagesAsync(http, $"v1/tables/history?startTs={from}&endTs={to}&limit=500"))
        {
            await using var command = new NpgsqlCommand("SELECT count(*) FROM entity_versions v JOIN unnest($1::uuid[], $2::numeric[]) AS l(id, version) ON v.entity_id = l.id AND v.version = l.version", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = items.Select(e => Guid.Parse(e["id"]!.GetValue<string>())).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = items.Select(e => e["version"]!.GetValue<decimal>()).ToArray() });
            found += (long)(await command.ExecuteScalarAsync())!;
        }
    }
    clock.Stop();
    if (found == 0)
        throw new InvalidOperationException("The floor found nothing.");
    return clock.Elapsed.TotalSeconds;
}

static IEnumerable<List<JsonNode>> Pages(HttpClient http, string first) => PagesAsync(http, first).ToBlockingEnumerable();

static async IAsyncEnumerable<List<JsonNode>> PagesAsync(HttpClient http, string first)
{
    string? after = null;
    do
    {
        var answer = JsonNode.Parse(await http.GetStringAsync(first + (after is null ? "" : "&after=" + after)))!;
        yield return answer["data"]!.AsArray().Select(n => n!).ToList();
        after = answer["paging"]?["after"]?.GetValue<string>();
    }
    while (after is not null);
}

static async Task ExecuteAsync(string connectionString, string sql)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
    await command.ExecuteNonQueryAsync();
}

/// One measured pass (or the floor) of one run.
internal sealed record PassResult(int Run, string Mode, string Pass, double Seconds, double ServerCpuSeconds, double PeakMb, int Requests, long Backfill, long Repaired, long Gaps);
