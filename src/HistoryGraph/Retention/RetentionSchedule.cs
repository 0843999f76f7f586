using HistoryGraph.Ingestion.Storage;
using Microsoft.Extensions.Options;

namespace HistoryGraph.Retention;

/// Retention:KeepDays set: purges what is older than that many days at start-up and then on
/// Retention:Schedule (daily at 03:00 UTC by default). Several instances may run it: each batch locks the
/// sequence, so their batches take turns and the second finds little left.
public sealed class RetentionSchedule(HistoryPurge purge, StoreReadiness readiness, TimeProvider clock, IOptions<RetentionOptions> options, ILogger<RetentionSchedule> logger) : BackgroundService
{
    public const string RequestedBy = "schedule";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.KeepDays is not { } days)
            return;
        if (!options.Value.TryParseSchedule(out var schedule) || schedule is null)
            return; // refused at start-up (RetentionOptions validation)
        try
        {
            await readiness.WaitAsync(Timeout.InfiniteTimeSpan, stoppingToken);
            // Once at start-up (a server that is never up at 03:00 still keeps its promise), then
            // at each occurrence.
            for (var first = true; ; first = false)
            {
                if (!first)
                {
                    if (schedule.GetNextOccurrence(clock.GetUtcNow().UtcDateTime, TimeZoneInfo.Utc) is not { } next)
                        return;
                    var wait = next - clock.GetUtcNow().UtcDateTime;
                    if (wait > TimeSpan.Zero)
                        await Task.Delay(wait, clock, stoppingToken);
                }
                try
                {
                    await purge.PurgeAsync(clock.GetUtcNow().UtcDateTime.AddDays(-days), RequestedBy, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning("The scheduled purge failed ({Error}); it runs again at the next occurrence of {Schedule}", ex.Message, options.Value.Schedule);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
