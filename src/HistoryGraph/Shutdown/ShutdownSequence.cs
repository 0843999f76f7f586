using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace HistoryGraph.Shutdown;

/// Runs the shutdown in order. SIGTERM (or any stop) marks the instance draining at once; the
/// host then calls StoppingAsync, which waits out the rest of the drain delay and closes the
/// instance, before any part stops: the writer then drains what it acknowledged, the
/// notification worker finishes its sends and lets its leases go, and Kestrel waits for the
/// requests still answering. ApplicationStopping is not the signal for closing because the
/// console lifetime raises it the moment SIGTERM arrives, before any delay could pass.
public sealed class ShutdownSequence(ServerState state, IHostApplicationLifetime lifetime, IOptions<ShutdownOptions> options, ILogger<ShutdownSequence> logger)
    : IHostedLifecycleService
{
    private long _drainStarted;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStopping.Register(BeginDraining);
        return Task.CompletedTask;
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        BeginDraining();
        var delay = TimeSpan.FromSeconds(Math.Max(0, options.Value.DrainDelaySeconds)) - Stopwatch.GetElapsedTime(Volatile.Read(ref _drainStarted));
        if (delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(delay, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // the shutdown timeout passed: close now
            }
        }
        logger.LogInformation("Closing: webhooks are refused, live connections end, the writer drains");
        state.Close();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Stopped {Seconds:0.0} s after the shutdown began", Stopwatch.GetElapsedTime(Volatile.Read(ref _drainStarted)).TotalSeconds);
        return Task.CompletedTask;
    }

    private void BeginDraining()
    {
        if (!state.BeginDraining())
            return;
        Volatile.Write(ref _drainStarted, Stopwatch.GetTimestamp());
        logger.LogInformation("Shutting down: /health/ready answers 503; work is refused in {Delay} s", options.Value.DrainDelaySeconds);
    }
}
