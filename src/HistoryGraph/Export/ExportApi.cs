using HistoryGraph.Access;
using HistoryGraph.Http;
using HistoryGraph.Ingestion.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace HistoryGraph.Export;

/// GET /export?format=csv|ndjson&from=&to=&entityType=&fqnPrefix=&user=&eventType=&category=&bom=:
/// the field changes as a file, streamed (an admin operation). With `proofs=true` (ndjson only):
/// the events themselves with their inclusion proofs and the checkpoint, a log bundle (EventBundle).
public static class ExportApi
{
    public static IEndpointRouteBuilder MapExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/export", ExportAsync).RequireRole(AccessRole.Admin, "Export refused");
        return app;
    }

    private static async Task ExportAsync(HttpContext http, IDbContextFactory<HistoryDbContext> contexts, StoreReadiness readiness, EventBundle bundle,
        StandbyReads standby, ExportQueries queries, ILogger<ExportRequest> logger, CancellationToken cancellationToken)
    {
        if (!ReadConsistency.TryParse(http.Request, out var minSequence))
        {
            await Problems.Create(StatusCodes.Status400BadRequest, "INVALID_ARGUMENT", "Invalid header", ReadConsistency.Invalid).ExecuteAsync(http);
            return;
        }
        ExportRequest request;
        bool proofs;
        try
        {
            request = ExportRequest.Parse(name => http.Request.Query[name] is { Count: > 0 } values ? values[0] : null);
            proofs = http.Request.Query["proofs"].ToString().ToLowerInvariant() switch
            {
                "" or "false" or "0" => false,
                "true" or "1" => request.Format == ExportFormat.Ndjson ? true : throw new ExportArgumentException("proofs=true needs format=ndjson: a bundle is one JSON object per line."),
                _ => throw new ExportArgumentException("proofs must be true or false."),
            };
            if (proofs)
                EventBundle.Check(request);
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
        var fileName = proofs ? request.FileName.Replace("field-changes", "log-bundle", StringComparison.Ordinal) : request.FileName;
        http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = fileName, FileName = fileName }.ToString();
        http.Response.Headers.CacheControl = "no-store";
        try
        {
            if (proofs)
            {
                var events = await bundle.WriteAsync(request, http.Response.Body, null, cancellationToken);
                logger.LogInformation("Exported a log bundle of {Events} events", events);
                return;
            }
            // Field changes read from a standby where there is one; a bundle signs a checkpoint
            // first, which only the primary can store.
            using var scope = StandbyReads.Enter(await standby.MayReadAsync(minSequence, cancellationToken));
            http.Response.Headers[ReadConsistency.SourceHeader] = scope.Source;
            var rows = await FieldChangeExport.WriteAsync(contexts, request, http.Response.Body, null, cancellationToken, queries);
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
