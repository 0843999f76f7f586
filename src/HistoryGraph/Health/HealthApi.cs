using HistoryGraph.Ingestion.Payloads;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Ingestion.Writing;
using HistoryGraph.Shutdown;
using HistoryGraph.Live;
using HistoryGraph.Transport.Streaming;

namespace HistoryGraph.Health;

/// GET /health, as the original tracker answered it (200 healthy/connected or 503), with the
/// state of the live feed; and the orchestrator's probes: /health/live (the process works:
/// restart it when not) and /health/ready (send it traffic: 503 while migrating, draining for a
/// shutdown, or with the store unreachable). None needs a key, and none says more than a state.
public static class HealthApi
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", CheckAsync);
        app.MapGet(LivePath, Live);
        app.MapGet(ReadyPath, ReadyAsync);
        return app;
    }

    /// Live while the writer runs: a writer that stopped on its own (it never should) leaves an
    /// instance that cannot store anything, which a restart mends. Asks the database nothing,
    /// so that an outage of the store does not restart every instance.
    private static IResult Live(HistoryWriter writer, ServerState server)
    {
        if (writer.ExecuteTask is { IsCompleted: true } && !server.IsDraining)
            return TypedResults.Json(new ReadinessStatus("failed", "The history writer stopped."), statusCode: StatusCodes.Status503ServiceUnavailable);
        return TypedResults.Ok(new ReadinessStatus("live", "The process is running."));
    }

    private static async Task<IResult> ReadyAsync(HttpContext http, StoreReadiness readiness, StoreAvailability store, ServerState server, CancellationToken cancellationToken)
    {
        http.Response.Headers.CacheControl = "no-store";
        ReadinessStatus? refusal = null;
        if (server.IsDraining)
            refusal = new ReadinessStatus("draining", "This instance is shutting down.");
        else if (!readiness.IsReady)
            refusal = new ReadinessStatus("migrating", "The history store is being migrated, or has not answered since start-up.");
        else if (!await store.CheckAsync(cancellationToken))
            refusal = new ReadinessStatus("unavailable", "The history store does not answer.");
        return refusal is null
            ? TypedResults.Ok(new ReadinessStatus("ready", "Ready for traffic."))
            : TypedResults.Json(refusal, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<IResult> CheckAsync(StoreReadiness readiness, StoreAvailability store, StorageConnection storage,
        ChangeFeed feed, LiveConnectionLimit connections, PostgresCommitListener listener, PayloadCodec codec, CancellationToken cancellationToken)
    {
        // The readiness probe's check of the store, with its timeout and its one-second memory.
        var connected = readiness.IsReady && await store.CheckAsync(cancellationToken);
        var commits = storage.Provider != StorageProvider.PostgreSql ? "local" : listener.IsListening ? "listening" : "reconnecting";
        var live = new LiveStatus(feed.Head, connections.Open, commits);
        var payloads = codec.Current is { } dictionary
            ? new PayloadStatus("dictionary", dictionary.Key.ToString("x16", System.Globalization.CultureInfo.InvariantCulture), Math.Round(dictionary.Ratio, 4))
            : new PayloadStatus("brotli", null, null);
        var status = new HealthStatus(connected ? "healthy" : "unhealthy", connected ? "connected" : "disconnected", ServerVersion.Current, live, payloads);
        return connected ? TypedResults.Ok(status) : TypedResults.Json(status, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
