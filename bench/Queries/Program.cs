using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using HistoryGraph.Bench.Queries;
using HistoryGraph.Ingestion.OpenMetadata;
using HistoryGraph.TestSupport;
using Npgsql;

// Query benchmark, side by side on one database: a throwaway PostgreSQL cluster; HistoryGraph
// (Release build, its own process) loaded with a deterministic OpenMetadata-shaped history sent
// as signed webhooks by 64 senders; PostGraphile 5 + connection-filter on the same tables; and
// the same questions as hand-written SQL through Npgsql (the floor). Each question is measured
// against all three in turn, closed loop, for each run; the result is the median of the runs
// with min and max.
// Usage: dotnet run -c Release --project bench/Queries -- [--events N] [--days D] [--runs R] [--seconds S] [--only a,d] [--callers key,token] [--smoke] [--results DIR]
// --smoke: a few thousand events, one short run, answers compared exactly, nothing timed or kept.
var options = BenchOptions.Parse(args);
const string secret = "bench-secret";

Console.WriteLine($"{options.Events:N0} events, {options.Runs} run(s) of {options.Seconds} s per measure, {Environment.ProcessorCount} cores");
// HISTORYGRAPH_TEST_POSTGRES: an existing server instead, which keeps the loaded database for study.
await using var postgres = await PostgresServer.SharedAsync();
// --database NAME (with HISTORYGRAPH_TEST_POSTGRES): a database an earlier run loaded, measured
// again (by another build, which migrates it first) without loading it again.
var connectionString = options.Database is { } reused ? postgres.ConnectionString(reused) : await postgres.CreateDatabaseAsync("bench");
Console.WriteLine($"database: {new NpgsqlConnectionStringBuilder(connectionString).Database}");
// --callers: the same server also takes a configured admin key (to make a reader key) and the
// tokens of an OpenID Connect issuer started here; keyed callers have no rate limit either.
const string adminKey = "bench-admin-key";
await using var issuer = options.Callers.Contains("token") ? await TestIssuer.StartAsync(new TestIssuer.Client("bench-dashboard", "bench-client-secret", ["reader"])) : null;
string[] accessSettings = options.Callers.Count == 0 ? [] : [$"Admin:ApiKeys:0={adminKey}", "Auth:RateLimits:Reader:PermitsPerMinute=0",
    .. issuer is null ? Array.Empty<string>() : [$"Auth:Issuers:0:Authority={issuer.Address}", $"Auth:Issuers:0:Audience={TestIssuer.Audience}", "Auth:Issuers:0:RequireHttpsMetadata=false"]];
using var server = ServerProcess.Start(options.ServerDll, connectionString, secret, accessSettings);
using var historyGraph = Client(server.Address);
await server.WaitHealthyAsync(historyGraph);
using var keyed = options.Callers.Contains("key") ? Client(server.Address, await ReaderKeyAsync(historyGraph, adminKey)) : null;
using var tokened = issuer is null ? null : Client(server.Address, await issuer.TokenAsync("bench-dashboard", "bench-client-secret"));

// Load: 64 senders, each delivery built and signed as it is sent (the generator's CPU is counted).
var history = new OpenMetadataHistory(options.Events, days: options.Days);
var next = -1;
var loadCpu = Process.GetCurrentProcess().TotalProcessorTime;
var serverCpu = server.ProcessorTime;
var postgresCpu = PostgresCpu.Read();
var loadWall = Stopwatch.StartNew();
if (options.Database is not null)
    next = history.EventCount; // loaded already
await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(async () =>
{
    for (var i = Interlocked.Increment(ref next); i < history.EventCount; i = Interlocked.Increment(ref next))
    {
        var bytes = history.Delivery(i);
        await Workload.SendAsync(historyGraph, new Workload.Body(bytes, WebhookSignature.Sign(bytes, secret)));
    }
})));
loadWall.Stop();
var ingest = new
{
    EventsPerSecond = history.EventCount / loadWall.Elapsed.TotalSeconds,
    GeneratorCpuShare = (Process.GetCurrentProcess().TotalProcessorTime - loadCpu).TotalSeconds / loadWall.Elapsed.TotalSeconds / Environment.ProcessorCount,
    ServerCpuMsPerEvent = (server.ProcessorTime - serverCpu).TotalMilliseconds / history.EventCount,
    PostgresCpuMsPerEvent = PostgresCpu.Since(postgresCpu).TotalMilliseconds / history.EventCount,
};
if (options.Database is null)
    Console.WriteLine(FormattableString.Invariant($"loaded {history} in {loadWall.Elapsed.TotalSeconds:F1} s: {ingest.EventsPerSecond:F0} events/s, generator CPU {ingest.GeneratorCpuShare:P1}, CPU per event: server {ingest.ServerCpuMsPerEvent:F3} ms, PostgreSQL {ingest.PostgresCpuMsPerEvent:F3} ms"));

var stored = await Storage.CountsAsync(connectionString);
// A reused database may have taken more since (other measurements on it); never fewer.
if (options.Database is null ? stored.Events != history.EventCount : stored.Events < history.EventCount)
    return Fail($"{stored.Events} events stored of {history.EventCount} sent.");
// The load's floor, in the same run: every row it left (events, field changes, versions,
// entities, the rollup, the actors) copied by binary COPY into empty tables with the same
// indexes, and the CPU PostgreSQL spent on it.
var loadFloor = options.Database is null ? await CopyFloor.MeasureAsync(connectionString, 1, await CopyFloor.HighestSequenceAsync(connectionString), wholeStore: true) : null;
if (loadFloor is not null)
    Console.WriteLine(FormattableString.Invariant($"COPY of the same rows: {loadFloor.EventsPerSecond:F0} events/s, PostgreSQL CPU per event {loadFloor.PostgresCpuMsPerEvent:F3} ms; the load ran at {ingest.EventsPerSecond / loadFloor.EventsPerSecond:F2} of it and cost {(ingest.ServerCpuMsPerEvent + ingest.PostgresCpuMsPerEvent) / loadFloor.PostgresCpuMsPerEvent:F1} times its CPU per event"));
await Storage.PrepareForPeerAsync(connectionString);
Console.WriteLine(FormattableString.Invariant($"stored: {stored.Events:N0} events, {stored.Versions:N0} versions, {stored.FieldChanges:N0} field changes, {stored.Entities:N0} entities; {stored.DatabaseBytes / (double)stored.Events:F0} bytes per event"));

using var peer = PostGraphileProcess.Start(connectionString);
using var postGraphile = Client(peer.Address);
await peer.WaitReadyAsync(postGraphile);
// The floor runs its statements as HistoryGraph does: prepared, planned for their values.
await using var sql = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString)
{
    MaxPoolSize = 16, MaxAutoPrepare = 20, NoResetOnClose = true, Options = "-c plan_cache_mode=force_custom_plan",
}.ToString());

var cases = (await QuerySet.BuildAsync(connectionString, historyGraph, postGraphile, options.DeepPage, options.Sets))
    .Where(c => options.Only is null || options.Only.Contains(c.Name)).ToList();
var systems = new (string Name, Func<QueryCase, Func<int, Task<bool>>> Sender, Func<QueryCase, Task<int>> Answer, Func<TimeSpan>? Cpu)[]
{
    ("HistoryGraph", c => GraphQLSender(historyGraph, c.HistoryGraph, c.Sets.Select(s => s.HistoryGraph)), c => GraphQLAnswerAsync(historyGraph, c.HistoryGraph, c.Sets[0].HistoryGraph), () => server.ProcessorTime),
    ("HistoryGraph key", c => GraphQLSender(keyed!, c.HistoryGraph, c.Sets.Select(s => s.HistoryGraph)), c => GraphQLAnswerAsync(keyed!, c.HistoryGraph, c.Sets[0].HistoryGraph), () => server.ProcessorTime),
    ("HistoryGraph token", c => GraphQLSender(tokened!, c.HistoryGraph, c.Sets.Select(s => s.HistoryGraph)), c => GraphQLAnswerAsync(tokened!, c.HistoryGraph, c.Sets[0].HistoryGraph), () => server.ProcessorTime),
    ("PostGraphile", c => GraphQLSender(postGraphile, c.PostGraphile!, c.Sets.Select(s => s.PostGraphile)), c => GraphQLAnswerAsync(postGraphile, c.PostGraphile!, c.Sets[0].PostGraphile), () => peer.ProcessorTime),
    ("SQL", c => SqlSender(sql, c), c => SqlAnswerAsync(sql, c.Sql!, c.Sets[0].Sql), null),
};
// The systems that answer a question: every question has HistoryGraph's, some no peer or floor.
bool Answers(QueryCase c, string system) => system switch
{
    "PostGraphile" => c.PostGraphile is not null, "SQL" => c.Sql is not null,
    "HistoryGraph key" => keyed is not null, "HistoryGraph token" => tokened is not null, _ => true,
};

// The same answers first: rows counted in each system's answer to the first parameter set.
var mismatches = 0;
foreach (var c in cases)
{
    var counts = new List<int>();
    foreach (var system in systems.Where(s => Answers(c, s.Name)))
        counts.Add(await system.Answer(c));
    var same = counts.Distinct().Count() == 1;
    mismatches += same ? 0 : 1;
    Console.WriteLine($"{c.Name,-12} rows: {string.Join(" / ", counts)}{(same ? "" : "  MISMATCH")}");
}
if (mismatches > 0)
    return Fail($"{mismatches} question(s) answered differently.");

var results = new List<(string Case, string System, LoadRunner.Measurement Result)>();
for (var run = 1; run <= options.Runs; run++)
{
    foreach (var c in cases)
    {
        foreach (var system in systems.Where(s => Answers(c, s.Name)))
        {
            var measured = await LoadRunner.RunAsync(c.Connections, TimeSpan.FromSeconds(options.Warmup), TimeSpan.FromSeconds(options.Seconds), system.Sender(c), system.Cpu);
            results.Add((c.Name, system.Name, measured));
            Console.WriteLine(FormattableString.Invariant($"run {run} {c.Name,-12} {system.Name,-13} {measured.RequestsPerSecond,9:F0} req/s  p50 {measured.P50Ms,7:F2} ms  p99 {measured.P99Ms,7:F2} ms  errors {measured.Errors}  generator CPU {measured.GeneratorCpuShare:P0}  CPU ms/request: server {measured.ServerCpuMs:F3} PostgreSQL {measured.PostgresCpuMs:F3} generator {measured.GeneratorCpuMs:F3}"));
            if (measured.Errors > 0)
                return Fail($"{c.Name} on {system.Name}: {measured.Errors} error answers.");
        }
    }
}

var memory = new { HistoryGraphBytes = server.WorkingSet, PostGraphileBytes = peer.WorkingSet };
var summary = cases.SelectMany(c => systems.Where(s => Answers(c, s.Name)).Select(s =>
{
    var runs = results.Where(r => r.Case == c.Name && r.System == s.Name).Select(r => r.Result).ToList();
    return new
    {
        Case = c.Name, c.Title, c.Connections, System = s.Name,
        RequestsPerSecond = Stats(runs.Select(r => r.RequestsPerSecond)), P50Ms = Stats(runs.Select(r => r.P50Ms)), P99Ms = Stats(runs.Select(r => r.P99Ms)),
        GeneratorCpuShare = Stats(runs.Select(r => r.GeneratorCpuShare)),
        ServerCpuMsPerRequest = Stats(runs.Select(r => r.ServerCpuMs)), PostgresCpuMsPerRequest = Stats(runs.Select(r => r.PostgresCpuMs)),
        GeneratorCpuMsPerRequest = Stats(runs.Select(r => r.GeneratorCpuMs)),
    };
})).ToList();

Console.WriteLine();
Console.WriteLine("| question | connections | HistoryGraph req/s (p99 ms) | PostGraphile req/s (p99 ms) | SQL q/s (p99 ms) | HistoryGraph / PostGraphile | HistoryGraph / SQL |");
Console.WriteLine("|---|---|---|---|---|---|---|");
foreach (var c in cases)
{
    var row = summary.Where(s => s.Case == c.Name).ToDictionary(s => s.System);
    string Cell(string system) => row.TryGetValue(system, out var r) ? FormattableString.Invariant($"{r.RequestsPerSecond.Median:N0} ({r.P99Ms.Median:F1})") : "-";
    string Ratio(string system) => row.TryGetValue(system, out var r) ? FormattableString.Invariant($"{row["HistoryGraph"].RequestsPerSecond.Median / r.RequestsPerSecond.Median:F2}") : "-";
    Console.WriteLine($"| {c.Title} | {c.Connections} | {Cell("HistoryGraph")} | {Cell("PostGraphile")} | {Cell("SQL")} | {Ratio("PostGraphile")} | {Ratio("SQL")} |");
}
Console.WriteLine();
Console.WriteLine("| question | CPU ms per request (medians): HistoryGraph + its PostgreSQL | PostGraphile + its PostgreSQL | SQL floor: PostgreSQL |");
Console.WriteLine("|---|---|---|---|");
foreach (var c in cases)
{
    var row = summary.Where(s => s.Case == c.Name).ToDictionary(s => s.System);
    string Cpu(string system, bool server) => row.TryGetValue(system, out var r)
        ? FormattableString.Invariant($"{(server ? $"{r.ServerCpuMsPerRequest.Median:F3} + " : "")}{r.PostgresCpuMsPerRequest.Median:F3}")
        : "-";
    Console.WriteLine($"| {c.Title} | {Cpu("HistoryGraph", true)} | {Cpu("PostGraphile", true)} | {Cpu("SQL", false)} |");
}
if (options.Callers.Count > 0)
{
    Console.WriteLine();
    Console.WriteLine("| question | connections | anonymous req/s (p99 ms) | reader key | reader token | server CPU ms per request: anonymous / key / token |");
    Console.WriteLine("|---|---|---|---|---|---|");
    foreach (var c in cases)
    {
        var row = summary.Where(s => s.Case == c.Name).ToDictionary(s => s.System);
        string Cell(string system) => row.TryGetValue(system, out var r) ? FormattableString.Invariant($"{r.RequestsPerSecond.Median:N0} ({r.P99Ms.Median:F2})") : "-";
        string Cpu(string system) => row.TryGetValue(system, out var r) ? FormattableString.Invariant($"{r.ServerCpuMsPerRequest.Median:F3}") : "-";
        Console.WriteLine($"| {c.Title} | {c.Connections} | {Cell("HistoryGraph")} | {Cell("HistoryGraph key")} | {Cell("HistoryGraph token")} | {Cpu("HistoryGraph")} / {Cpu("HistoryGraph key")} / {Cpu("HistoryGraph token")} |");
    }
}
Console.WriteLine(FormattableString.Invariant($"memory after the query load: HistoryGraph {memory.HistoryGraphBytes / 1048576.0:F0} MB, PostGraphile {memory.PostGraphileBytes / 1048576.0:F0} MB"));

if (options.ResultsFolder is { } folder)
{
    Directory.CreateDirectory(folder);
    var stamp = $"{DateTime.UtcNow:yyyy-MM-dd-HHmm}-{options.Events}";
    if (postgres.LogFile is { } log)
    {
        // A second HistoryGraph and SQL client whose sessions log their plans; the measured ones are done.
        var explaining = new NpgsqlConnectionStringBuilder(connectionString) { Options = PlanRecorder.SessionOptions }.ToString();
        using var explainServer = ServerProcess.Start(options.ServerDll, explaining, secret, "Subscriptions:PollIntervalSeconds=3600");
        using var explainClient = Client(explainServer.Address);
        await explainServer.WaitHealthyAsync(explainClient);
        await using var explainSql = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(explaining)
        {
            MaxPoolSize = 1, MaxAutoPrepare = 20, NoResetOnClose = true, Options = PlanRecorder.SessionOptions + " -c plan_cache_mode=force_custom_plan",
        }.ToString());
        var plans = await PlanRecorder.RecordAsync(log, cases, [
            ("HistoryGraph", c => GraphQLSender(explainClient, c.HistoryGraph, c.Sets.Select(s => s.HistoryGraph))),
            ("SQL", c => SqlSender(explainSql, c)),
        ]);
        var plansFile = Path.Combine(folder, $"plans-{stamp}.md");
        await File.WriteAllTextAsync(plansFile, $"# Plans at {options.Events:N0} events (auto_explain, ANALYZE, BUFFERS; first parameter set, second asking)\n\n{plans}");
        Console.WriteLine($"plans: {plansFile}");
    }
    var file = Path.Combine(folder, $"queries-{stamp}.json");
    await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new
    {
        Date = DateTime.UtcNow, Environment.ProcessorCount, options.Events, options.Runs, options.Seconds, options.Warmup, history.EntityCount,
        Stored = stored, Ingest = options.Database is null ? ingest : null, LoadFloor = loadFloor, Memory = memory, Queries = summary,
    }, new JsonSerializerOptions { WriteIndented = true }));
    Console.WriteLine($"results: {file}");
}
return 0;

static int Fail(string message)
{
    Console.Error.WriteLine(message);
    return 1;
}

static Stat Stats(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return new Stat(sorted[sorted.Length / 2], sorted[0], sorted[^1]);
}

// bearer: a reader key or token every request presents (Authorization: Bearer), as a dashboard's client does.
static HttpClient Client(Uri address, string? bearer = null)
{
    var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 16, PooledConnectionLifetime = Timeout.InfiniteTimeSpan }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    if (bearer is not null)
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
    return client;
}

static async Task<string> ReaderKeyAsync(HttpClient client, string adminKey)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
    {
        Content = new StringContent(JsonSerializer.Serialize(new { query = "mutation { createApiKey(name: \"bench-dashboard\", role: READER) { key } }" }), Encoding.UTF8, "application/json"),
    };
    request.Headers.Add("X-Api-Key", adminKey);
    using var response = await client.SendAsync(request);
    using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    return body.RootElement.GetProperty("data").GetProperty("createApiKey").GetProperty("key").GetString()!;
}

static Func<int, Task<bool>> GraphQLSender(HttpClient client, string query, IEnumerable<IReadOnlyDictionary<string, object?>> sets)
{
    var bodies = sets.Select(v => JsonSerializer.SerializeToUtf8Bytes(new { query, variables = v })).ToArray();
    return async i =>
    {
        using var content = new ByteArrayContent(bodies[i % bodies.Length]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await client.PostAsync("/graphql", content);
        var body = await response.Content.ReadAsByteArrayAsync();
        return response.IsSuccessStatusCode && body.AsSpan().IndexOf("\"errors\""u8) < 0;
    };
}

static async Task<int> GraphQLAnswerAsync(HttpClient client, string query, IReadOnlyDictionary<string, object?> variables)
{
    using var response = await client.PostAsync("/graphql", new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json"));
    var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    if (body.TryGetProperty("errors", out var errors) || !body.TryGetProperty("data", out var data))
        throw new InvalidOperationException($"{client.BaseAddress}: {query}\n{body}");
    return Leaves(data);
}

// Items of the innermost `nodes` lists: what the answer holds, whatever the fields are named.
static int Leaves(JsonElement element) => element.ValueKind switch
{
    JsonValueKind.Object when element.TryGetProperty("nodes", out var nodes) => nodes.EnumerateArray().Sum(n =>
        n.EnumerateObject().Any(p => p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("nodes", out _)) ? Leaves(n) : 1),
    JsonValueKind.Object => element.EnumerateObject().Sum(p => Leaves(p.Value)),
    JsonValueKind.String when element.GetString() == "Query" => 1, // { __typename }
    _ => 0,
};

static Func<int, Task<bool>> SqlSender(NpgsqlDataSource sql, QueryCase c) => async i =>
{
    await using var command = sql.CreateCommand(c.Sql!);
    foreach (var value in c.Sets[i % c.Sets.Count].Sql)
        command.Parameters.Add(new NpgsqlParameter { Value = value });
    await using var reader = await command.ExecuteReaderAsync();
    while (await reader.ReadAsync())
    {
        for (var f = 0; f < reader.FieldCount; f++)
            _ = reader.GetValue(f);
    }
    return true;
};

static async Task<int> SqlAnswerAsync(NpgsqlDataSource sql, string text, object?[] values)
{
    await using var command = sql.CreateCommand(text);
    foreach (var value in values)
        command.Parameters.Add(new NpgsqlParameter { Value = value });
    await using var reader = await command.ExecuteReaderAsync();
    var rows = 0;
    while (await reader.ReadAsync())
        rows++;
    return rows;
}

internal sealed record Stat(double Median, double Min, double Max);
