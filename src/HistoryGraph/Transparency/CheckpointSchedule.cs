using HistoryGraph.Ingestion.Storage;
using Microsoft.Extensions.Options;

namespace HistoryGraph.Transparency;

/// Makes checkpoints as they fall due while the server runs, and a last one at shutdown, so
/// that every event stored before it stopped is under a signed checkpoint. The last one is made
/// once every service has stopped (StoppedAsync), the writer's drain included.
public sealed class CheckpointSchedule(Checkpoints checkpoints, StoreReadiness readiness, IOptions<TransparencyOptions> options, ILogger<CheckpointSchedule> logger)
    : BackgroundService, IHostedLifecycleService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(options.Value.CheckIntervalSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (readiness.IsReady)
                    await checkpoints.MakeIfDueAsync(force: false, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "A checkpoint could not be made; trying again in {Interval}", interval);
            }
            try
            {
                await Task.Delay(interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        if (!readiness.IsReady)
            return;
        try
        {
            await checkpoints.MakeIfDueAsync(force: true, cancellationToken);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "The shutdown checkpoint could not be made");
        }
    }
}
