using System.Diagnostics;

namespace HistoryGraph.Bench.Queries;

/// A closed loop: `connections` workers each send a request, wait for the whole answer, and send
/// the next, for a warm-up (not counted) and then the measured time. Each request takes the next
/// parameter set in turn. Counts answers, errors, and the latency of each answer.
public static class LoadRunner
{
    public sealed record Measurement(double RequestsPerSecond, double P50Ms, double P99Ms, long Requests, long Errors, double GeneratorCpuShare);

    public static async Task<Measurement> RunAsync(int connections, TimeSpan warmup, TimeSpan duration, Func<int, Task<bool>> send)
    {
        var next = -1;
        var stopAt = Stopwatch.GetTimestamp() + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < stopAt)
                await send(Interlocked.Increment(ref next));
        })));

        var latencies = new List<double>[connections];
        var errors = 0L;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, connections).Select(worker => Task.Run(async () =>
        {
            var mine = latencies[worker] = new List<double>(4096);
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                var start = Stopwatch.GetTimestamp();
                var ok = await send(Interlocked.Increment(ref next));
                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                if (!ok)
                    Interlocked.Increment(ref errors);
            }
        })));
        wall.Stop();
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds / wall.Elapsed.TotalSeconds / Environment.ProcessorCount;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new Measurement(all.Length / wall.Elapsed.TotalSeconds, Percentile(all, 0.50), Percentile(all, 0.99), all.Length, errors, cpu);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
