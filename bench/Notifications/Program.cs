using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using HistoryGraph.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

// Notifications benchmark: a throwaway PostgreSQL cluster, HistoryGraph (Release build, its own
// process) and a webhook receiver in this process. Each run stores deliveries as OpenMetadata
// sends them (creates of 10-column tables carrying the whole entity), one at a time, first with
// no notification target, then with T WEBHOOK targets taking every event: the ingest rate with
// notifications beside it against without, and for each message the time from the webhook's
// send to the receiver having it (dispatch, a durable delivery row, the claim, the signed POST).
// The floor, in the same run: the same number of messages of the same size POSTed straight to
// the same receiver, as many at once as the server sends (Notifications:Concurrency).
// Usage: dotnet bench/Notifications/bin/Release/net10.0/HistoryGraph.Bench.Notifications.dll [server dll] [deliveries] [targets] [runs]
var serverDll = Path.GetFullPath(args.Length > 0 ? args[0] : ServerProcess.BuiltDll());
var deliveries = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000;
var targets = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10;
var runs = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 3;
const string secret = "bench-secret";
const string adminKey = "bench-admin-key";
const int concurrency = 8;
const int warmUp = 2_000;

var arrivals = new ConcurrentDictionary<(long Sequence, string Target), long>();
long receivedBytes = 0;
var builder = WebApplication.CreateSlimBuilder();
builder.WebHost.UseUrls("http://127.0.0.1:0");
builder.Logging.ClearProviders();
await using var receiver = builder.Build();
long warmArrivals = 0;
receiver.MapPost("/hook/{target}", async (HttpContext http, string target) =>
{
    if (target == "warm-up")
    {
        await http.Request.Body.CopyToAsync(Stream.Null);
        Interlocked.Increment(ref warmArrivals);
        return Results.Ok();
    }
    using var buffer = new MemoryStream();
    await http.Request.Body.CopyToAsync(buffer);
    var body = JsonNode.Parse(buffer.ToArray());
    if (body?["payload"]?["sequence"]?.GetValue<long>() is { } sequence and >= 0)
    {
        arrivals[(sequence, target)] = Stopwatch.GetTimestamp();
        Interlocked.Add(ref receivedBytes, buffer.Length);
    }
    return Results.Ok();
});
await receiver.StartAsync();
var receiverUrl = receiver.Urls.Single().TrimEnd('/');

await using var postgres = await PostgresServer.StartNewAsync();
var results = new List<RunResult>();
for (var run = 1; run <= runs; run++)
{
    warmArrivals = 0;
    arrivals.Clear();
    receivedBytes = 0;
    var connectionString = await postgres.CreateDatabaseAsync("bench");
    using var server = ServerProcess.Start(serverDll, connectionString, secret, $"Admin:ApiKeys:0={adminKey}", "Notifications:AllowPrivateNetworks=true",
        "Notifications:RateLimitPerMinute=600000", $"Notifications:Concurrency={concurrency}", "Notifications:PollSeconds=0.2");
    using var client = new HttpClient { BaseAddress = server.Address, Timeout = Timeout.InfiniteTimeSpan };
    client.DefaultRequestHeaders.Add("X-Api-Key", adminKey);
    await server.WaitHealthyAsync(client);
    var bodies = Workload.Build(2 * deliveries + warmUp, entities: 2 * deliveries + warmUp, secret, columns: 10);
    // Warm-up: ingest and delivery both run (to a target deleted afterwards), and the runtime's
    // compilation of the code they ran ends, before anything is measured: the first thousands of
    // requests and messages run unoptimised code, which is not what a running server costs.
    var warmTarget = await CreateTargetAsync(client, "warm-up", $"{receiverUrl}/hook/warm-up");
    foreach (var body in bodies.Take(warmUp))
        await Workload.SendAsync(client, body);
    await WaitForAsync(() => warmArrivals >= warmUp, $"{warmUp} warm-up messages");
    await GraphQLAsync(client, "mutation($id: UUID!) { deleteNotificationTarget(targetId: $id) { name } }", new { id = warmTarget });
    await QuietAsync(server);
    var (serverCpu, postgresCpu) = (server.ProcessorTime, PostgresCpu.Read());
    var without = await IngestAsync(client, bodies.Skip(warmUp).Take(deliveries).ToList(), null);
    var ingestCpu = (Server: (server.ProcessorTime - serverCpu).TotalMilliseconds / deliveries, Postgres: PostgresCpu.Since(postgresCpu).TotalMilliseconds / deliveries);
    for (var t = 0; t < targets; t++)
        await CreateTargetAsync(client, $"bench-{t}", $"{receiverUrl}/hook/{t}");
    var sentAt = new Dictionary<long, long>();
    Console.WriteLine($"run {run}: {deliveries:N0} deliveries with {targets} targets");
    (serverCpu, postgresCpu) = (server.ProcessorTime, PostgresCpu.Read());
    var with = await IngestAsync(client, bodies.Skip(warmUp + deliveries).Take(deliveries).ToList(), sentAt);
    var expected = deliveries * targets;
    await WaitForAsync(() => arrivals.Count >= expected, $"{expected} messages");
    // What the messages cost beyond storing their events: the CPU from the first event with
    // targets to the last message's receipt, less the same events' ingest cost without them.
    var serverCpuPerMessage = ((server.ProcessorTime - serverCpu).TotalMilliseconds - ingestCpu.Server * deliveries) / expected;
    var postgresCpuPerMessage = (PostgresCpu.Since(postgresCpu).TotalMilliseconds - ingestCpu.Postgres * deliveries) / expected;
    var first = sentAt.Values.Min();
    var last = arrivals.Values.Max();
    var latencies = arrivals.Select(a => Stopwatch.GetElapsedTime(sentAt[a.Key.Sequence], a.Value).TotalMilliseconds).Order().ToArray();
    var floor = await FloorAsync(expected, (int)(receivedBytes / expected));
    var result = new RunResult(run, deliveries, targets, without, with, expected / Stopwatch.GetElapsedTime(first, last).TotalSeconds,
        Percentiles.Of(latencies, 0.5), Percentiles.Of(latencies, 0.99), latencies[^1], floor,
        ingestCpu.Server, ingestCpu.Postgres, serverCpuPerMessage, postgresCpuPerMessage);
    results.Add(result);
    Console.WriteLine(FormattableString.Invariant(
        $"run {run}: ingest {without:F0}/s without targets, {with:F0}/s with {targets}; {expected:N0} messages at {result.MessagesPerSecond:F0}/s, send to receipt p50 {result.P50Ms:F1} ms, p99 {result.P99Ms:F1} ms, max {result.MaxMs:F0} ms; floor {floor:F0} messages/s; CPU ms per event stored {ingestCpu.Server:F2} server + {ingestCpu.Postgres:F2} PostgreSQL, per message {serverCpuPerMessage:F3} + {postgresCpuPerMessage:F3}"));
}

double Median(Func<RunResult, double> value) => Percentiles.Of([.. results.Select(value).Order()], 0.5);
string Range(Func<RunResult, double> value) => FormattableString.Invariant($"{Median(value):F0} ({results.Min(value):F0}–{results.Max(value):F0})");
string Range2(Func<RunResult, double> value) => FormattableString.Invariant($"{Median(value):F2} ({results.Min(value):F2}–{results.Max(value):F2})");
Console.WriteLine();
Console.WriteLine($"| {runs} runs, {deliveries:N0} deliveries × {targets} targets | median (min–max) |");
Console.WriteLine("|---|---|");
Console.WriteLine($"| ingest, deliveries/s, no target | {Range(r => r.IngestWithout)} |");
Console.WriteLine($"| ingest, deliveries/s, {targets} targets | {Range(r => r.IngestWith)} |");
Console.WriteLine($"| messages/s delivered | {Range(r => r.MessagesPerSecond)} |");
Console.WriteLine($"| floor: messages/s POSTed straight to the receiver | {Range(r => r.FloorMessagesPerSecond)} |");
Console.WriteLine($"| CPU ms per event stored, server + PostgreSQL | {Range2(r => r.ServerCpuMsPerEvent)} + {Range2(r => r.PostgresCpuMsPerEvent)} |");
Console.WriteLine($"| CPU ms per message delivered, server + PostgreSQL | {Range2(r => r.ServerCpuMsPerMessage)} + {Range2(r => r.PostgresCpuMsPerMessage)} |");
Console.WriteLine(FormattableString.Invariant($"| send to receipt, p50 / p99 / max ms | {Median(r => r.P50Ms):F1} / {Median(r => r.P99Ms):F1} / {Median(r => r.MaxMs):F0} |"));

var resultsFolder = Path.Combine(RepositoryPaths.Root, "bench", "results");
Directory.CreateDirectory(resultsFolder);
var file = Path.Combine(resultsFolder, $"notifications-{DateTime.UtcNow:yyyy-MM-dd-HHmm}-{deliveries}x{targets}.json");
await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new { serverDll, deliveries, targets, runs, concurrency, results }, new JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine($"results: {file}");

// One delivery at a time, as one OpenMetadata sends them; the time each was sent, by its sequence.
static async Task<double> IngestAsync(HttpClient client, List<Workload.Body> bodies, Dictionary<long, long>? sentAt)
{
    var clock = Stopwatch.StartNew();
    foreach (var body in bodies)
    {
        var sent = Stopwatch.GetTimestamp();
        var sequence = await Workload.SendAsync(client, body);
        sentAt?.Add(sequence, sent);
    }
    return bodies.Count / clock.Elapsed.TotalSeconds;
}

// The same number of messages, each of the delivered ones' mean size, POSTed by `concurrency` senders.
async Task<double> FloorAsync(int messages, int bytes)
{
    using var direct = new HttpClient { BaseAddress = new Uri(receiverUrl) };
    var payload = new string('x', Math.Max(0, bytes - 60));
    var next = 0;
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
    {
        while (Interlocked.Increment(ref next) <= messages)
        {
            using var response = await direct.PostAsJsonAsync("/hook/floor", new { event_type = "entityCreated", payload = new { sequence = -1, text = payload } });
            response.EnsureSuccessStatusCode();
        }
    }));
    return messages / clock.Elapsed.TotalSeconds;
}

/// One run as measured.
static async Task<string> CreateTargetAsync(HttpClient client, string name, string url)
{
    var answer = await GraphQLAsync(client, "mutation($input: CreateNotificationTargetInput!) { createNotificationTarget(input: $input) { targetId } }",
        new { input = new { name, kind = "WEBHOOK", url, secret = "bench-signing-secret-0123456789" } });
    return answer["data"]!["createNotificationTarget"]!["targetId"]!.GetValue<string>();
}

static async Task<JsonNode> GraphQLAsync(HttpClient client, string query, object variables)
{
    using var response = await client.PostAsJsonAsync("/graphql", new { query, variables });
    var answer = await response.Content.ReadAsStringAsync();
    if (!response.IsSuccessStatusCode || answer.Contains("\"errors\"", StringComparison.Ordinal))
        throw new InvalidOperationException(answer);
    return JsonNode.Parse(answer)!;
}

static async Task WaitForAsync(Func<bool> done, string what)
{
    var clock = Stopwatch.StartNew();
    while (!done() && clock.Elapsed < TimeSpan.FromMinutes(10))
        await Task.Delay(50);
    if (!done())
        throw new InvalidOperationException($"Not all of {what} arrived within 10 minutes.");
}

// Until the server spends under 5% of a core for a whole second (its background compilation
// done), at most 60 s.
static async Task QuietAsync(ServerProcess server)
{
    var clock = Stopwatch.StartNew();
    while (clock.Elapsed < TimeSpan.FromSeconds(60))
    {
        var before = server.ProcessorTime;
        await Task.Delay(1000);
        if (server.ProcessorTime - before < TimeSpan.FromMilliseconds(50))
            return;
    }
}

internal sealed record RunResult(int Run, int Deliveries, int Targets, double IngestWithout, double IngestWith, double MessagesPerSecond,
    double P50Ms, double P99Ms, double MaxMs, double FloorMessagesPerSecond,
    double ServerCpuMsPerEvent, double PostgresCpuMsPerEvent, double ServerCpuMsPerMessage, double PostgresCpuMsPerMessage);
