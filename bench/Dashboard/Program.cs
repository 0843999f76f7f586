using System.Diagnostics;
using System.Globalization;
using HistoryGraph.Bench.Dashboard;
using HistoryGraph.TestSupport;
using Microsoft.Playwright;

// The dashboard's first view on the embedded default (SQLite): a catalog history of 100,000
// events over the last 180 days is loaded through signed webhooks, then each page is opened
// in a new browser context (nothing cached, as a person opening a link) in Debian's headless
// Chromium, and timed by the page's own clock from the navigation's start to the first frame
// that shows its answers (no "Loading" left, its numbers or rows on screen); the time the
// harness took to see that (its polling included) is printed beside it. The floors, in the
// same run: the same index and scripts with no question asked (the page's own cost, to its
// load event), and the page's GraphQL
// requests sent straight over HTTP by this process (the server's cost). One untimed pass
// first (a running server has compiled its code paths); median of the runs, with min and max.
// Usage: dotnet run -c Release --project bench/Dashboard -- [server dll] [runs] [events]
// HISTORYGRAPH_BENCH_STORE=<file> reuses a store an earlier run kept (HISTORYGRAPH_BENCH_KEEP_STORE=1)
// instead of loading one; HISTORYGRAPH_BENCH_TRACE=1 prints where each first view's time went.
var dll = args.Length > 0 && args[0].Length > 0 ? Path.GetFullPath(args[0]) : ServerProcess.BuiltDll();
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
var events = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100_000;
const string secret = "dashboard-bench-secret";
const string chromium = "/usr/bin/chromium";

var reused = Environment.GetEnvironmentVariable("HISTORYGRAPH_BENCH_STORE") is { Length: > 0 } kept && File.Exists(kept) ? kept : null;
var store = reused ?? Path.Combine(Path.GetTempPath(), $"historygraph-dashboard-bench-{Guid.NewGuid():N}.db");
var trace = Environment.GetEnvironmentVariable("HISTORYGRAPH_BENCH_TRACE") == "1";
try
{
    using var server = ServerProcess.Start(dll, $"Data Source={store}", secret);
    using var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(5) };
    await server.WaitHealthyAsync(client);
    if (reused is null)
    {
        var bodies = CatalogHistory.Build(events, secret);
        var loading = Stopwatch.StartNew();
        // In time order, a few senders at once, as OpenMetadata's alert threads deliver.
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < bodies.Count; i = Interlocked.Increment(ref next))
                await Workload.SendAsync(client, bodies[i]);
        })));
        Console.WriteLine(FormattableString.Invariant($"loaded {bodies.Count:N0} events in {loading.Elapsed.TotalSeconds:F0} s; {Environment.ProcessorCount} cores; {runs} runs"));
    }
    else
        Console.WriteLine($"reusing the store {reused}; {Environment.ProcessorCount} cores; {runs} runs");
    var fqn = System.Text.Json.JsonDocument.Parse(await (await client.PostAsync("/graphql", new StringContent(
        "{\"query\":\"{ entities(first: 1) { nodes { fqn } } }\"}", System.Text.Encoding.UTF8, "application/json"))).Content.ReadAsStringAsync())
        .RootElement.GetProperty("data").GetProperty("entities").GetProperty("nodes")[0].GetProperty("fqn").GetString()!;

    (string Name, string Path, string Ready)[] pages =
    [
        ("Overview", "/", "#top-assets li"),
        ("Live feed", "/live", "table.events tbody tr"),
        ("Asset timeline", $"/assets?fqn={Uri.EscapeDataString(fqn)}", ".timeline li"),
        ("People", "/people", "main table tbody tr"),
        ("Audit log", "/audit", "#audit-count"),
        ("Deletions", "/deletions", "#deletion-total"),
        ("Breaking changes", "/breaking", "#breaking-total"),
    ];
    using var playwright = await Playwright.CreateAsync();
    await using var browser = await playwright.Chromium.LaunchAsync(new()
    {
        ExecutablePath = chromium,
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    // One pass untimed: a server that has been running has compiled its code paths.
    foreach (var (_, path, ready) in pages)
        await FirstViewAsync(browser, server.Address, path, ready, false);
    var results = pages.ToDictionary(p => p.Name, _ => new List<(double Page, double Harness, double Floor, double Api)>());
    for (var run = 1; run <= runs; run++)
    {
        foreach (var (name, path, ready) in pages)
        {
            // The previous view's browser context is closed, its processes winding down: a
            // person opening a link has no other tab ending on the same two cores.
            await Task.Delay(1000);
            var (pageMs, harnessMs, requests) = await FirstViewAsync(browser, server.Address, path, ready, trace);
            await Task.Delay(1000);
            var floorMs = (await FirstViewAsync(browser, server.Address, "/", null, false)).Ms;
            var apiMs = await ReplayAsync(client, requests);
            results[name].Add((pageMs, harnessMs, floorMs, apiMs));
            Console.WriteLine(FormattableString.Invariant($"run {run} {name}: first view {pageMs:F0} ms (as the harness waited for it {harnessMs:F0} ms; static floor {floorMs:F0} ms; its {requests.Count} GraphQL requests straight over HTTP {apiMs:F0} ms)"));
        }
    }
    Console.WriteLine();
    Console.WriteLine("| Page | First view, median (min-max) | As the harness waited | Static page floor | Its GraphQL requests over HTTP |");
    Console.WriteLine("|---|---|---|---|---|");
    foreach (var (name, measures) in results)
        Console.WriteLine(FormattableString.Invariant($"| {name} | {Median(measures.Select(m => m.Page))} | {Median(measures.Select(m => m.Harness))} | {Median(measures.Select(m => m.Floor))} | {Median(measures.Select(m => m.Api))} |"));
}
finally
{
    // HISTORYGRAPH_BENCH_KEEP_STORE=1 keeps the loaded store, to look into a page's questions.
    if (reused is not null || Environment.GetEnvironmentVariable("HISTORYGRAPH_BENCH_KEEP_STORE") == "1")
        Console.WriteLine($"store kept: {store}");
    else
        foreach (var file in new[] { store, store + "-wal", store + "-shm" })
            File.Delete(file);
}

// Opens `path` in a new context and waits until `ready` shows (and nothing is loading);
// null: the index and its scripts only (the dashboard's page with the app not started).
static async Task<(double Ms, double Harness, List<string> Requests)> FirstViewAsync(IBrowser browser, Uri server, string path, string? ready, bool trace)
{
    await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
    var page = await context.NewPageAsync();
    var requests = new List<string>();
    page.Request += (_, request) =>
    {
        if (request.Method == "POST" && request.Url.EndsWith("/graphql", StringComparison.Ordinal))
            requests.Add(request.PostData ?? "");
    };
    if (ready is null)
    {
        // The floor: index.html with its scripts and styles fetched and parsed, but the app
        // given no page to render (the script is aborted before it runs).
        await page.RouteAsync("**/graphql", route => route.AbortAsync());
        await page.GotoAsync(new Uri(server, "/").ToString(), new() { WaitUntil = WaitUntilState.Load });
        return (await page.EvaluateAsync<double>("() => performance.getEntriesByType('navigation')[0].loadEventEnd"), 0, requests);
    }
    var finished = new List<string>();
    if (trace)
    {
        page.RequestFinished += (_, request) =>
        {
            if (!request.Url.EndsWith("/graphql", StringComparison.Ordinal))
                return;
            var hash = System.Text.RegularExpressions.Regex.Match(request.PostData ?? "", "\"operationName\":\"(\\w+)\"|sha256:(\\w{8})");
            var timing = request.Timing;
            lock (finished)
                finished.Add(FormattableString.Invariant($"{hash.Groups[1].Value}{hash.Groups[2].Value} sent {timing.RequestStart:F0} first byte {timing.ResponseStart:F0} end {timing.ResponseEnd:F0}"));
        };
    }
    // The page notes, by its own clock (0 = the navigation's start), the first frame after the
    // answers are in the document: what a person sees, without the harness's polling in it.
    await page.AddInitScriptAsync("""
        (() => {
          const ready = READY;
          const check = () => {
            if (window.__firstView !== undefined || !document.querySelector(ready) || document.querySelector('.status.loading')) return;
            window.__firstView = null;
            requestAnimationFrame(() => setTimeout(() => (window.__firstView = performance.now())));
          };
          const observer = new MutationObserver(check);
          document.addEventListener('DOMContentLoaded', () => observer.observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true }));
        })();
        """.Replace("READY", System.Text.Json.JsonSerializer.Serialize(ready), StringComparison.Ordinal));
    var watch = Stopwatch.StartNew();
    await page.GotoAsync(new Uri(server, path).ToString(), new() { WaitUntil = WaitUntilState.Commit });
    await page.Locator(ready).First.WaitForAsync(new() { Timeout = 60_000 });
    await page.WaitForFunctionAsync("() => document.querySelectorAll('.status.loading').length === 0", null, new() { Timeout = 60_000 });
    var harness = watch.Elapsed.TotalMilliseconds;
    var elapsed = await page.EvaluateAsync<double>("() => new Promise((done) => { const look = () => (typeof window.__firstView === 'number' ? done(window.__firstView) : setTimeout(look, 10)); look(); })");
    if (trace)
    {
        // Milliseconds from the navigation's start: the index, each script and request (start-end), the page ready.
        Console.WriteLine("  " + path + ": " + await page.EvaluateAsync<string>("""
            async () => {
              const n = performance.getEntriesByType('navigation')[0];
              const r = performance.getEntriesByType('resource').map((e) => `${e.name.split('/').pop()} ${e.startTime | 0}-${e.responseEnd | 0}`);
              const busy = await new Promise((done) => {
                new PerformanceObserver((list) => done(list.getEntries())).observe({ type: 'longtask', buffered: true });
                setTimeout(() => done([]), 200);
              });
              const marks = performance.getEntriesByType('mark').map((m) => `${m.name} ${m.startTime | 0}`);
              return `index ${n.responseEnd | 0}, interactive ${n.domInteractive | 0}, ready ${performance.now() | 0}; ` + r.join(', ')
                + `; busy ${busy.map((t) => `${t.startTime | 0}+${t.duration | 0}`).join(' ')}; ${marks.join(', ')}`;
            }
            """));
        lock (finished)
            Console.WriteLine("    " + string.Join("; ", finished));
    }
    return (elapsed, harness, requests);
}

// The page's GraphQL requests sent by this process, all at once as the page sends them.
static async Task<double> ReplayAsync(HttpClient client, List<string> requests)
{
    var watch = Stopwatch.StartNew();
    await Task.WhenAll(requests.Select(async body =>
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/graphql", content);
        await response.Content.ReadAsByteArrayAsync();
    }));
    return watch.Elapsed.TotalMilliseconds;
}

static string Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToList();
    return FormattableString.Invariant($"{sorted[sorted.Count / 2]:F0} ms ({sorted[0]:F0}-{sorted[^1]:F0})");
}
