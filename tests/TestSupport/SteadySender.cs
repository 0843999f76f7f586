using System.Diagnostics;

namespace HistoryGraph.TestSupport;

/// OpenMetadata going about its business beside the abuse: realistic deliveries (creates with
/// the whole entity, then updates) at a steady rate, each latency recorded, each failure kept.
public sealed class SteadySender(HttpClient client, IReadOnlyList<Workload.Body> bodies, TimeSpan interval)
{
    private int _next;

    public List<double> Latencies { get; } = [];
    public List<string> Failures { get; } = [];
    public int Acknowledged { get; private set; }

    /// Sends until the token fires, one delivery per interval (or slower, when answers are slow).
    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested && _next < bodies.Count)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await Workload.SendAsync(client, bodies[_next++]);
                Acknowledged++;
                lock (Latencies)
                    Latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            catch (Exception ex)
            {
                Failures.Add(ex.Message);
            }
            var left = interval - Stopwatch.GetElapsedTime(started);
            if (left > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(left, stop);
                }
                catch (OperationCanceledException)
                {
                }
            }
        }
    }

    /// Latencies recorded from `from` on, and clears nothing: phases read their own slice.
    public double[] Since(int from)
    {
        lock (Latencies)
            return [.. Latencies.Skip(from).Order()];
    }

    public int Count
    {
        get
        {
            lock (Latencies)
                return Latencies.Count;
        }
    }
}
