using HistoryGraph.Ingestion.Storage;
using Microsoft.Extensions.Options;

namespace HistoryGraph.TrustedDocuments;

/// Reads the files at start-up, then what admins registered on any instance, every RefreshSeconds.
public sealed class TrustedDocumentRefresher(TrustedDocumentStore store, StoreReadiness readiness, IOptions<TrustedDocumentsOptions> options,
    ILogger<TrustedDocumentRefresher> logger) : BackgroundService
{
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Before the server takes requests: a client's first request by id must find its document.
        store.LoadFiles();
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WaitAsync(Timeout.InfiniteTimeSpan, stoppingToken);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.RefreshSeconds)));
        do
        {
            try
            {
                await store.RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not read the registered trusted documents; trying again in {Seconds} s", options.Value.RefreshSeconds);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
