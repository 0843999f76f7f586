using System.Diagnostics;
using System.Globalization;
using HistoryGraph.TestSupport;

namespace HistoryGraph.Bench.Export;

/// Exports read slowly beside a steady sender: `readers` clients each start a CSV export and read
/// it at 1 KB/s, while one sender delivers 20 events a second; what the sender's acknowledgements
/// take is what readers cost writers. Each run on a fresh server and database.
public static class SlowReaders
{
    public static async Task<int> RunAsync(string serverDll, int readers, int seconds, int runs)
    {
        var worst = new List<double>();
        var p99s = new List<double>();
        for (var run = 1; run <= runs; run++)
        {
            // Exports of some MB each: none ends while it is read at 1 KB/s. (Rows copied behind
            // the server's back would stop its writer: the transparency log would not cover them.)
            await using var bench = await SeededBench.StartAsync(serverDll, 6_000);
            var bodies = Workload.Build(seconds * 20 + 100, entities: 500, SeededBench.Secret, columns: 10);
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
            var slow = Enumerable.Range(0, readers).Select(_ => ReadSlowlyAsync(bench.Server.Address, stop.Token)).ToList();
            await Task.Delay(2_000); // every reader has its export under way
            var sender = new SteadySender(bench.Client, bodies, TimeSpan.FromMilliseconds(50));
            await sender.RunAsync(stop.Token);
            await Task.WhenAll(slow);
            List<double> inOrder;
            lock (sender.Latencies)
                inOrder = [.. sender.Latencies];
            var slowest = inOrder.IndexOf(inOrder.Max());
            var latencies = sender.Since(0);
            worst.Add(latencies[^1]);
            p99s.Add(Percentiles.Of(latencies, 0.99));
            Console.WriteLine(FormattableString.Invariant(
                $"run {run}: {readers} slow exports, {sender.Acknowledged} deliveries acknowledged ({sender.Failures.Count} failed): p50 {Percentiles.Of(latencies, 0.5):F1} ms, p99 {p99s[^1]:F1} ms, worst {worst[^1]:F1} ms (delivery {slowest + 1}; over 100 ms: {string.Join(", ", inOrder.Select((l, i) => (l, i)).Where(x => x.l > 100).Select(x => $"#{x.i + 1} {x.l:F0}"))})"));
        }
        worst.Sort();
        p99s.Sort();
        Console.WriteLine(FormattableString.Invariant($"median of {runs}: p99 {p99s[runs / 2]:F1} ms ({p99s[0]:F1}-{p99s[^1]:F1}), worst {worst[runs / 2]:F1} ms ({worst[0]:F1}-{worst[^1]:F1})"));
        return 0;
    }

    private static async Task ReadSlowlyAsync(Uri address, CancellationToken stop)
    {
        using var client = new HttpClient { BaseAddress = address, Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.Add("X-Api-Key", SeededBench.AdminKey);
        try
        {
            using var response = await client.GetAsync("/export?format=csv", HttpCompletionOption.ResponseHeadersRead, stop);
            await using var body = await response.Content.ReadAsStreamAsync(stop);
            var buffer = new byte[1024];
            while (await body.ReadAsync(buffer, stop) > 0)
                await Task.Delay(1_000, stop);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
