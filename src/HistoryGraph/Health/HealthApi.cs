using HistoryGraph.Ingestion.Payloads;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Live;
using HistoryGraph.Transport.Streaming;

namespace HistoryGraph.Health;

/// GET /health, as the original tracker answered it (200 healthy/connected or 503), with the
/// state of the live feed.
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", CheckAsync);
        return app;
    }

    private static async Task<IResult> CheckAsync(HistoryDbContext db, StoreReadiness readiness, StorageConnection storage,
        ChangeFeed feed, LiveConnectionLimit connections, PostgresCommitListener listener, PayloadCodec codec, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        bool connected;
        try
        {
            connected = readiness.IsReady && await db.Database.CanConnectAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            connected = false;
        }
        var commits = storage.Provider != StorageProvider.PostgreSql ? "local" : listener.IsListening ? "listening" : "reconnecting";
        var live = new LiveStatus(feed.Head, connections.Open, commits);
        var payloads = codec.Current is { } dictionary
            ? new PayloadStatus("dictionary", dictionary.Key.ToString("x16", System.Globalization.CultureInfo.InvariantCulture), Math.Round(dictionary.Ratio, 4))
            : new PayloadStatus("brotli", null, null);
        var status = new HealthStatus(connected ? "healthy" : "unhealthy", connected ? "connected" : "disconnected", ServerVersion.Current, live, payloads);
        return connected ? TypedResults.Ok(status) : TypedResults.Json(status, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
