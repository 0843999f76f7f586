using HistoryGraph.Time;
using Microsoft.Extensions.Options;

namespace HistoryGraph.Retention;

/// `HistoryGraph purge [--keep-days=N | --before=<time>]`: the retention purge now, against the
/// configured store; without options it keeps Retention:KeepDays days. Prints the run's counts.
public static class PurgeCommand
{
    public const string Name = "purge";
    public const string RequestedBy = "command line";

    public static IEnumerable<string> Options => ["keep-days", "before"];

    public static async Task<int> RunAsync(IHost host, IConfiguration configuration)
    {
        DateTime? before = null;
        if (configuration["before"] is { Length: > 0 } instant)
        {
            if (!Instants.TryParse(instant, out var parsed))
            {
                Console.Error.WriteLine($"--before must be {Instants.Expected}.");
                return 2;
            }
            before = parsed;
        }
        int? keepDays = null;
        if (configuration["keep-days"] is { Length: > 0 } days)
        {
            if (!int.TryParse(days, out var parsed))
            {
                Console.Error.WriteLine("--keep-days must be a whole number of days.");
                return 2;
            }
            keepDays = parsed;
        }
        var (cutoff, problem) = PurgeCutoff.Resolve(before, keepDays, host.Services.GetRequiredService<IOptions<RetentionOptions>>().Value.KeepDays,
            host.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        if (problem is not null)
        {
            Console.Error.WriteLine(problem);
            return 2;
        }

        var run = await host.Services.GetRequiredService<HistoryPurge>().PurgeAsync(cutoff, RequestedBy, CancellationToken.None);
        Console.WriteLine($"Purge run {run.Id} {run.Status.ToString().ToLowerInvariant()}: history before {cutoff:yyyy-MM-ddTHH:mm:ssZ}; removed {run.EventsPurged} event(s), " +
            $"{run.FieldChangesPurged} field change(s), {run.VersionsPurged} version(s); kept {run.EventsKept} older event(s) that entities and deletions need.");
        if (run.Error is not null)
            Console.Error.WriteLine(run.Error);
        return run.Status == Ingestion.Storage.PurgeStatus.Completed ? 0 : 1;
    }
}
