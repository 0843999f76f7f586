using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Health;

/// GET /health, as the original tracker answered it: 200 healthy/connected or 503.
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", CheckAsync);
        return app;
    }

    private static async Task<IResult> CheckAsync(HistoryDbContext db, StoreReadiness readiness, CancellationToken cancellationToken)
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
        var status = new HealthStatus(connected ? "healthy" : "unhealthy", connected ? "connected" : "disconnected");
        return connected ? TypedResults.Ok(status) : TypedResults.Json(status, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
