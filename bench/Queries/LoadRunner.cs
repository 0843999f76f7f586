using System.Diagnostics;
using HistoryGraph.TestSupport;

namespace HistoryGraph.Bench.Queries;

/// A closed loop: `connections` workers each send a request, wait for the whole answer, and send
/// the next, for a warm-up (not counted) and then the measured time. Each request takes the next
/// parameter set in turn. Counts answers, errors, the latency of each answer, and the CPU time
/// each request cost the generator, the serving process (`server`: none for plain SQL) and
/// PostgreSQL: where the two cores went.
public static class LoadRunner
{
    public sealed record Measurement(double RequestsPerSecond, double P50Ms, double P99Ms, long Requests, long Errors, double GeneratorCpuShare,
        double GeneratorCpuMs, double ServerCpuMs, double PostgresCpuMs);

    public static async Task<Measurement> RunAsync(int connections, TimeSpan warmup, TimeSpan duration, Func<int, Task<bool>> send, Func<TimeSpan>? server = null)
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
        var serverBefore = server?.Invoke() ?? TimeSpan.Zero;
        var postgresBefore = PostgresCpu.Read();
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
        var generator = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var serverCpu = server is null ? TimeSpan.Zero : server() - serverBefore;
        var postgresCpu = PostgresCpu.Since(postgresBefore);
        var all = latencies.SelectMany(l => l).Order().ToArray();
        double PerRequest(TimeSpan cpu) => all.Length == 0 ? double.NaN : cpu.TotalMilliseconds / all.Length;
        return new Measurement(all.Length / wall.Elapsed.TotalSeconds, Percentiles.Of(all, 0.50), Percentiles.Of(all, 0.99), all.Length, errors,
            generator.TotalSeconds / wall.Elapsed.TotalSeconds / Environment.ProcessorCount, PerRequest(generator), PerRequest(serverCpu), PerRequest(postgresCpu));
    }

}
