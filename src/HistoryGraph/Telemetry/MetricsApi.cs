using HistoryGraph.Access;
using HistoryGraph.Ingestion.Storage;
using Microsoft.Extensions.Options;
using Prometheus;

namespace HistoryGraph.Telemetry;

/// GET /metrics: Prometheus' text format, or OpenMetrics when the scraper asks for it.
public static class MetricsApi
{
    public const string Path = "/metrics";

    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder app)
    {
        var endpoint = app.MapGet(Path, ScrapeAsync);
        if (!app.ServiceProvider.GetRequiredService<IOptions<TelemetryOptions>>().Value.AnonymousMetrics)
            endpoint.RequireRole(AccessRole.Reader, "Reading metrics needs the reader role (or Telemetry:AnonymousMetrics=true)");
        return app;
    }

    private static async Task ScrapeAsync(HttpContext http, PrometheusExport export, CancellationToken cancellationToken)
    {
        var openMetrics = http.Request.Headers.Accept.Any(a => a?.Contains("application/openmetrics-text", StringComparison.OrdinalIgnoreCase) == true);
        http.Response.ContentType = openMetrics ? PrometheusConstants.ExporterOpenMetricsContentTypeValue.ToString() : PrometheusConstants.ExporterContentTypeValue.ToString();
        http.Response.Headers.CacheControl = "no-store";
        await export.Registry.CollectAndExportAsTextAsync(http.Response.Body, openMetrics ? ExpositionFormat.OpenMetricsText : ExpositionFormat.PrometheusText, cancellationToken);
    }
}
