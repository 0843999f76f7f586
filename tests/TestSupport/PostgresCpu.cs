using System.Globalization;

namespace HistoryGraph.TestSupport;

/// CPU time of the PostgreSQL processes on this machine (the postmaster, its backends and
/// workers), from /proc: what the database spent serving a measurement, beside what the server
/// in front of it spent. Counted per process between two readings, so that a process that ends
/// in between (an autovacuum worker, a pruned connection) takes nothing away; what such a
/// process spent is lost, and backends live as long as their pooled connections. Empty where
/// there is no /proc.
public static class PostgresCpu
{
    private const double TicksPerSecond = 100; // USER_HZ, the unit of /proc/<pid>/stat on Linux

    /// Each PostgreSQL process's CPU ticks so far, by process id; with `postmaster`, only that
    /// cluster's (the postmaster and its children).
    public static Dictionary<string, long> Read(int? postmaster = null)
    {
        var ticks = new Dictionary<string, long>(StringComparer.Ordinal);
        if (!Directory.Exists("/proc"))
            return ticks;
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                // pid (comm) state ...: the name is between the first '(' and the last ')'.
                var open = stat.IndexOf('(', StringComparison.Ordinal);
                var close = stat.LastIndexOf(')');
                if (open < 0 || close < open || stat[(open + 1)..close] != "postgres")
                    continue;
                var fields = stat[(close + 2)..].Split(' ');
                if (postmaster is { } parent && Path.GetFileName(folder) != parent.ToString(CultureInfo.InvariantCulture) && fields[1] != parent.ToString(CultureInfo.InvariantCulture))
                    continue;
                ticks[Path.GetFileName(folder)] = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // The process ended while being read.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return ticks;
    }

    /// CPU spent since `before` by the processes alive now.
    public static TimeSpan Since(Dictionary<string, long> before, int? postmaster = null) =>
        TimeSpan.FromSeconds(Read(postmaster).Sum(p => p.Value - before.GetValueOrDefault(p.Key)) / TicksPerSecond);
}
