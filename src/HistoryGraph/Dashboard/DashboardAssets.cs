using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace HistoryGraph.Dashboard;

/// The dashboard's hashed scripts and styles: a name changes with its content, so each is
/// cached for a year; the Brotli or gzip copy the build made beside it is served to a browser
/// that accepts it (no compression work per request).
public sealed class DashboardAssets(string folder)
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public IResult Serve(HttpContext http, string file)
    {
        var full = Path.GetFullPath(Path.Combine(folder, file));
        // Only files directly in the folder: a path that leaves it names nothing.
        if (!string.Equals(Path.GetDirectoryName(full), Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal)
            || !File.Exists(full) || !ContentTypes.TryGetContentType(full, out var contentType))
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such file");
        var headers = http.Response.Headers;
        headers.CacheControl = "public, max-age=31536000, immutable";
        headers.XContentTypeOptions = "nosniff";
        headers.Vary = HeaderNames.AcceptEncoding;
        var accepted = http.Request.Headers.AcceptEncoding.ToString();
        foreach (var (encoding, suffix) in new[] { ("br", ".br"), ("gzip", ".gz") })
        {
            if (Accepts(accepted, encoding) && File.Exists(full + suffix))
            {
                headers.ContentEncoding = encoding;
                return TypedResults.PhysicalFile(full + suffix, contentType);
            }
        }
        return TypedResults.PhysicalFile(full, contentType);
    }

    private static bool Accepts(string acceptEncoding, string encoding) =>
        StringWithQualityHeaderValue.TryParseList(acceptEncoding.Split(','), out var values)
        && values.Any(v => v.Value.Equals(encoding, StringComparison.OrdinalIgnoreCase) && (v.Quality ?? 1) > 0);
}
