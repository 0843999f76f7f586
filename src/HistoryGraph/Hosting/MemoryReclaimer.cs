using System.Diagnostics;
using System.Runtime;
using Microsoft.Extensions.Options;

namespace HistoryGraph.Hosting;

/// Gives memory back to the system after a burst. The server GC keeps the memory it grew to
/// (a 10 MB delivery, a large answer, a flood of connections) for the next burst, so the
/// process would stay at its high-water mark for good. Every few seconds this looks at the
/// working set: when it is well above where the last collection left it and has stopped
/// growing (the burst is over), a compacting, decommitting collection returns the rest.
///
/// What a collection cannot return at once is the shared array pool: a burst rents large
/// arrays from it (a 10 MB body, Npgsql's buffers for array parameters of 100,000 items),
/// and the pool lets go of an array only at a full collection that finds it unused for about
/// a minute since an earlier full collection marked it; an idle server makes no full
/// collections, so they would stay for good (over 100 MB after the abuse tests' attacks).
/// So when a collection leaves the working set still well above where it was before the
/// burst, one more follows after that minute. A server whose memory is really in use finds
/// its new level after that and is left alone from then on.
internal sealed class MemoryReclaimer(IOptions<ServerOptions> options, ILogger<MemoryReclaimer> logger) : BackgroundService
{
    // The shared pool's age for trimming an unused array (60 s), and a margin.
    private static readonly TimeSpan PoolTrimAge = TimeSpan.FromSeconds(65);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var margin = options.Value.ReclaimMemoryAboveMegabytes * 1024 * 1024;
        var interval = TimeSpan.FromSeconds(options.Value.ReclaimMemoryIntervalSeconds);
        if (margin <= 0)
            return;
        using var timer = new PeriodicTimer(interval);
        var level = WorkingSet();
        var previous = level;
        DateTime? followUpAt = null;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var now = WorkingSet();
                var settled = now <= previous + margin / 8;
                previous = now;
                if (now < level)
                    level = now;
                var followUpDue = followUpAt <= DateTime.UtcNow;
                if (!settled || (now <= level + margin && !followUpDue))
                    continue;
                var before = level;
                level = previous = Reclaim(now, followUpDue);
                // Still well above the level before the burst: what the pool holds goes at the next turn after its age.
                followUpAt = !followUpDue && level > before + margin ? DateTime.UtcNow + PoolTrimAge : null;
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private long Reclaim(long now, bool followUp)
    {
        var started = Stopwatch.GetTimestamp();
        Collect();
        if (followUp)
        {
            // The pool trims in a callback on the finalizer thread after a full collection; a
            // second collection frees what it let go of.
            GC.WaitForPendingFinalizers();
            Collect();
        }
        var after = WorkingSet();
        logger.LogInformation("Returned memory {When}: working set {Before} MB -> {After} MB in {Ms:0} ms; managed heap {Heap} MB",
            followUp ? "a minute after a burst" : "after a burst", now / (1024 * 1024), after / (1024 * 1024),
            Stopwatch.GetElapsedTime(started).TotalMilliseconds, GC.GetGCMemoryInfo().HeapSizeBytes / (1024 * 1024));
        return after;
    }

    private static void Collect()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    private static long WorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}
