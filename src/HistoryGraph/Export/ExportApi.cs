using HistoryGraph.Access;
using HistoryGraph.Http;
using HistoryGraph.Ingestion.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace HistoryGraph.Export;

/// GET /export?format=csv|ndjson&from=&to=&entityType=&fqnPrefix=&user=&eventType=&category=&bom=:
/// the field changes as a file, streamed (an admin operation).
public static class ExportApi
{
    public static IEndpointRouteBuilder MapExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/export", ExportAsync).RequireRole(AccessRole.Admin, "Export refused");
        return app;
    }

    private static async Task ExportAsync(HttpContext http, IDbContextFactory<HistoryDbContext> contexts, StoreReadiness readiness,
        ILogger<ExportRequest> logger, CancellationToken cancellationToken)
    {
        ExportRequest request;
        try
        {
            request = ExportRequest.Parse(name => http.Request.Query[name] is { Count: > 0 } values ? values[0] : null);
        }
        catch (ExportArgumentException ex)
        {
            await Problems.Create(StatusCodes.Status400BadRequest, "INVALID_ARGUMENT", "Invalid export parameter", ex.Message).ExecuteAsync(http);
            return;
        }
        if (!readiness.IsReady)
        {
            await Problems.Unavailable(http, "The history store is not ready yet.").ExecuteAsync(http);
            return;
        }

        http.Response.ContentType = request.Format == ExportFormat.Csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8";
        http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = request.FileName, FileName = request.FileName }.ToString();
        http.Response.Headers.CacheControl = "no-store";
        try
        {
            var rows = await FieldChangeExport.WriteAsync(contexts, request, http.Response.Body, null, cancellationToken);
            logger.LogInformation("Exported {Rows} field changes as {Format}", rows, request.Format);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && !http.Response.HasStarted && StorageFailure.IsUnavailable(ex))
        {
            http.Response.Headers.ContentDisposition = default;
            await Problems.Unavailable(http, "The history store is unavailable; try again shortly.").ExecuteAsync(http);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The status went out with the first page: end the response unfinished, so that the
            // client sees a broken transfer and not a file that looks complete.
            logger.LogError(ex, "An export failed after {Bytes} bytes; the response is cut short", http.Response.Body.CanSeek ? http.Response.Body.Position : -1);
            http.Abort();
        }
    }
}
