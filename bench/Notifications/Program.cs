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

var arrivals = new ConcurrentDictionary<(long Sequence, string Target), long>();
long receivedBytes = 0;
var builder = WebApplication.CreateSlimBuilder();
builder.WebHost.UseUrls("http://127.0.0.1:0");
builder.Logging.ClearProviders();
await using var receiver = builder.Build();
receiver.MapPost("/hook/{target}", async (HttpContext http, string target) =>
{
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
    arrivals.Clear();
    receivedBytes = 0;
    var connectionString = await postgres.CreateDatabaseAsync("bench");
    using var server = ServerProcess.Start(serverDll, connectionString, secret, $"Admin:ApiKeys:0={adminKey}", "Notifications:AllowPrivateNetworks=true",
        "Notifications:RateLimitPerMinute=600000", $"Notifications:Concurrency={concurrency}", "Notifications:PollSeconds=0.2");
    using var client = new HttpClient { BaseAddress = server.Address, Timeout = Timeout.InfiniteTimeSpan };
    client.DefaultRequestHeaders.Add("X-Api-Key", adminKey);
    await server.WaitHealthyAsync(client);
    var bodies = Workload.Build(2 * deliveries + 200, entities: 2 * deliveries + 200, secret, columns: 10);
    foreach (var body in bodies.Take(200))
        await Workload.SendAsync(client, body); // warm-up

    var without = await IngestAsync(client, bodies.Skip(200).Take(deliveries).ToList(), null);
    for (var t = 0; t < targets; t++)
    {
        using var response = await client.PostAsJsonAsync("/graphql", new
        {
            query = "mutation($input: CreateNotificationTargetInput!) { createNotificationTarget(input: $input) { targetId } }",
            variables = new { input = new { name = $"bench-{t}", kind = "WEBHOOK", url = $"{receiverUrl}/hook/{t}", secret = "bench-signing-secret-0123456789" } },
        });
        var answer = await response.Content.ReadAsStringAsync();
        if (answer.Contains("\"errors\"", StringComparison.Ordinal))
            throw new InvalidOperationException(answer);
    }
    var sentAt = new Dictionary<long, long>();
    var with = await IngestAsync(client, bodies.Skip(200 + deliveries).Take(deliveries).ToList(), sentAt);
    var expected = deliveries * targets;
    var clock = Stopwatch.StartNew();
    while (arrivals.Count < expected && clock.Elapsed < TimeSpan.FromMinutes(10))
        await Task.Delay(50);
    if (arrivals.Count < expected)
        throw new InvalidOperationException($"Only {arrivals.Count} of {expected} messages arrived.");
    var first = sentAt.Values.Min();
    var last = arrivals.Values.Max();
    var latencies = arrivals.Select(a => Stopwatch.GetElapsedTime(sentAt[a.Key.Sequence], a.Value).TotalMilliseconds).Order().ToArray();
    var floor = await FloorAsync(expected, (int)(receivedBytes / expected));
    var result = new RunResult(run, deliveries, targets, without, with, expected / Stopwatch.GetElapsedTime(first, last).TotalSeconds,
        Percentiles.Of(latencies, 0.5), Percentiles.Of(latencies, 0.99), latencies[^1], floor);
    results.Add(result);
    Console.WriteLine(FormattableString.Invariant(
        $"run {run}: ingest {without:F0}/s without targets, {with:F0}/s with {targets}; {expected:N0} messages at {result.MessagesPerSecond:F0}/s, send to receipt p50 {result.P50Ms:F1} ms, p99 {result.P99Ms:F1} ms, max {result.MaxMs:F0} ms; floor {floor:F0} messages/s"));
}

double Median(Func<RunResult, double> value) => Percentiles.Of([.. results.Select(value).Order()], 0.5);
string Range(Func<RunResult, double> value) => FormattableString.Invariant($"{Median(value):F0} ({results.Min(value):F0}–{results.Max(value):F0})");
Console.WriteLine();
Console.WriteLine($"| {runs} runs, {deliveries:N0} deliveries × {targets} targets | median (min–max) |");
Console.WriteLine("|---|---|");
Console.WriteLine($"| ingest, deliveries/s, no target | {Range(r => r.IngestWithout)} |");
Console.WriteLine($"| ingest, deliveries/s, {targets} targets | {Range(r => r.IngestWith)} |");
Console.WriteLine($"| messages/s delivered | {Range(r => r.MessagesPerSecond)} |");
Console.WriteLine($"| floor: messages/s POSTed straight to the receiver | {Range(r => r.FloorMessagesPerSecond)} |");
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
internal sealed record RunResult(int Run, int Deliveries, int Targets, double IngestWithout, double IngestWith, double MessagesPerSecond,
    double P50Ms, double P99Ms, double MaxMs, double FloorMessagesPerSecond);
