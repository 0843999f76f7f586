using System.Diagnostics;
using System.Runtime;
using Microsoft.Extensions.Options;

namespace HistoryGraph.Hosting;

/// Gives memory back to the system after a burst. The server GC keeps the memory it grew to
/// (a 10 MB delivery, a large answer, a flood of connections) for the next burst, so the
/// process would stay at its high-water mark for good. Every few seconds this looks at the
/// working set: when it is well above where the last collection left it and has stopped
/// growing (the burst is over), one compacting, decommitting collection returns the rest.
/// A server whose memory is really in use finds its new level after one collection and is
/// left alone from then on.
internal sealed class MemoryReclaimer(IOptions<ServerOptions> options, ILogger<MemoryReclaimer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var margin = options.Value.ReclaimMemoryAboveMegabytes * 1024 * 1024;
        var interval = TimeSpan.FromSeconds(options.Value.ReclaimMemoryIntervalSeconds);
        if (margin <= 0)
            return;
        using var timer = new PeriodicTimer(interval);
        var level = WorkingSet();
        var previous = level;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var now = WorkingSet();
                var settled = now <= previous + margin / 8;
                previous = now;
                if (now < level)
                    level = now;
                if (now <= level + margin || !settled)
                    continue;
                var started = Stopwatch.GetTimestamp();
                GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                level = previous = WorkingSet();
                logger.LogInformation("Returned memory after a burst: working set {Before} MB -> {After} MB in {Ms:0} ms",
                    now / (1024 * 1024), level / (1024 * 1024), Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static long WorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}
