using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Ingestion.Telemetry;
using HistoryGraph.Shutdown;
using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.Health;

/// Whether the history store answers, as this instance last found it: checked every ten
/// seconds, and by each readiness probe (an answering store at most once a second, so that
/// probes cannot load the database). What `store.available` and `ready` report.
public sealed class StoreAvailability : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(1);

    private readonly IDbContextFactory<HistoryDbContext> _contexts;
    private readonly StoreReadiness _readiness;
    private readonly ServerState _server;
    private readonly SemaphoreSlim _checking = new(1, 1);
    private DateTime _checkedAt = DateTime.MinValue;
    private volatile bool _available;

    public StoreAvailability(IDbContextFactory<HistoryDbContext> contexts, StoreReadiness readiness, ServerState server, HistoryMetrics metrics)
    {
        (_contexts, _readiness, _server) = (contexts, readiness, server);
        metrics.ObserveStore(() => _available, () => IsReady);
    }

    public bool Available => _available;

    /// Migrated, answering, and not shutting down.
    public bool IsReady => _readiness.IsReady && _available && !_server.IsDraining;

    /// Checks the store unless it answered within the last second; whether it answered. A store
    /// that did not answer is asked again at once: a check made before the store existed (an
    /// embedded file not yet created) must not keep an instance unready.
    public async Task<bool> CheckAsync(CancellationToken cancellationToken)
    {
        if (_available && DateTime.UtcNow - _checkedAt < Fresh)
            return true;
        await _checking.WaitAsync(cancellationToken);
        try
        {
            if (_available && DateTime.UtcNow - _checkedAt < Fresh)
                return true;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            try
            {
                await using var db = await _contexts.CreateDbContextAsync(timeout.Token);
                _available = await db.Database.CanConnectAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                _available = false;
            }
            _checkedAt = DateTime.UtcNow;
            return _available;
        }
        finally
        {
            _checking.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            await CheckAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
