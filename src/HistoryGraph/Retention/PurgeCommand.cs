using HistoryGraph.Hosting;
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
        var clock = host.Services.GetRequiredService<TimeProvider>();
        var keepDays = host.Services.GetRequiredService<IOptions<RetentionOptions>>().Value.KeepDays;
        if (configuration["keep-days"] is { Length: > 0 } days && configuration["before"] is { Length: > 0 })
        {
            Console.Error.WriteLine("Give --keep-days or --before, not both.");
            return 2;
        }
        DateTime cutoff;
        if (configuration["before"] is { Length: > 0 } before)
        {
            if (!Instants.TryParse(before, out cutoff))
            {
                Console.Error.WriteLine($"--before must be {Instants.Expected}.");
                return 2;
            }
        }
        else if (configuration["keep-days"] is { Length: > 0 } given)
        {
            if (!int.TryParse(given, out var parsed) || parsed < 0)
            {
                Console.Error.WriteLine("--keep-days must be a whole number of days, 0 or more.");
                return 2;
            }
            cutoff = clock.GetUtcNow().UtcDateTime.AddDays(-parsed);
        }
        else if (keepDays is { } configured)
            cutoff = clock.GetUtcNow().UtcDateTime.AddDays(-configured);
        else
        {
            Console.Error.WriteLine("Nothing to purge by: Retention:KeepDays is not set (history is kept forever). Give --keep-days=N or --before=<time>.");
            return 2;
        }

        var run = await host.Services.GetRequiredService<HistoryPurge>().PurgeAsync(cutoff, RequestedBy, CancellationToken.None);
        Console.WriteLine($"Purge run {run.Id} {run.Status.ToString().ToLowerInvariant()}: history before {cutoff:yyyy-MM-ddTHH:mm:ssZ}; removed {run.EventsPurged} event(s), " +
            $"{run.FieldChangesPurged} field change(s), {run.VersionsPurged} version(s); kept {run.EventsKept} older event(s) that entities and deletions need.");
        if (run.Error is not null)
            Console.Error.WriteLine(run.Error);
        return run.Status == Ingestion.History.PurgeStatus.Completed ? 0 : 1;
    }
}
