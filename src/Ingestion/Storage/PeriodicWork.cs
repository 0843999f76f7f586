namespace HistoryGraph.Ingestion.Storage;

/// The loop of the background work that runs against the store on a period (backfill,
/// reconciliation, trusted documents): once the store is ready, at once and then every
/// interval; a run that fails is reported and the next tick tries again; shutdown ends it.
public static class PeriodicWork
{
    public static async Task RunAsync(StoreReadiness readiness, TimeSpan interval, TimeProvider clock, Func<CancellationToken, Task> work, Action<Exception> failed,
        CancellationToken stoppingToken)
    {
        try
        {
            await readiness.WaitAsync(Timeout.InfiniteTimeSpan, stoppingToken);
            using var timer = new PeriodicTimer(interval, clock);
            do
            {
                try
                {
                    await work(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    failed(ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
