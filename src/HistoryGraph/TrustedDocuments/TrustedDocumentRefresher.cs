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

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicWork.RunAsync(readiness, TimeSpan.FromSeconds(Math.Max(1, options.Value.RefreshSeconds)), TimeProvider.System, store.RefreshAsync,
            ex => logger.LogWarning(ex, "Could not read the registered trusted documents; trying again in {Seconds} s", options.Value.RefreshSeconds),
            stoppingToken);
}
