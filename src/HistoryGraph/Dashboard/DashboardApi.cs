using HistoryGraph.Access;
using HistoryGraph.TrustedDocuments;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace HistoryGraph.Dashboard;

/// The dashboard at /: a single-page app built into the output's dashboard/ folder. Its pages
/// are the same index.html (never cached, so a new build is picked up at once) under a strict
/// Content-Security-Policy; its scripts and styles have content-hashed names and are cached for
/// a year. It reads only the public GraphQL endpoint, with the trusted documents it was built
/// with, which the server trusts from the file the build wrote beside it.
public static class DashboardApi
{
    /// The dashboard's pages: each keeps its state in the query string, so a link or a reload
    /// opens the same view.
    public static readonly string[] Pages = ["/", "/live", "/assets", "/people", "/audit", "/deletions", "/breaking"];

    public const string ConfigPath = "/dashboard/config.json";
    public const string DocumentsFile = "trusted-documents.json";

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "dashboard");

    public static WebApplication MapDashboard(this WebApplication app)
    {
        var documents = Path.Combine(Folder, DocumentsFile);
        if (File.Exists(documents))
            app.Services.GetRequiredService<TrustedDocumentStore>().LoadMap(documents);
        var assets = new DashboardAssets(Path.Combine(Folder, "assets"));
        string[] methods = [HttpMethods.Get, HttpMethods.Head];
        app.MapMethods("/assets/{**file}", methods, (HttpContext http, string file) => assets.Serve(http, file));
        app.MapMethods("/favicon.svg", methods, (HttpContext http) => ServeFile(http, "favicon.svg", "image/svg+xml"));
        // The policy names the configured issuers, which change only with a restart: made once.
        var policy = ContentSecurityPolicy(app.Services.GetRequiredService<IOptions<AccessOptions>>().Value);
        foreach (var page in Pages)
            app.MapMethods(page, methods, (HttpContext http) => ServeIndex(http, policy));
        app.MapGet(ConfigPath, (IOptions<AccessOptions> access) => TypedResults.Json(DashboardConfig.From(access.Value)));
        return app;
    }

    private static IResult ServeIndex(HttpContext http, string policy)
    {
        var index = Path.Combine(Folder, "index.html");
        if (!File.Exists(index))
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "The dashboard is not built",
                detail: "The dashboard is built with Node.js (20.19 or later) and npm when the server is built; they were not available then. " +
                    "GraphQL at /graphql works without it.", extensions: new Dictionary<string, object?> { ["code"] = "DASHBOARD_NOT_BUILT" });
        var headers = http.Response.Headers;
        headers.CacheControl = "no-cache";
        headers.ContentSecurityPolicy = policy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        return TypedResults.PhysicalFile(index, "text/html; charset=utf-8");
    }

    private static IResult ServeFile(HttpContext http, string name, string contentType)
    {
        var path = Path.Combine(Folder, name);
        if (!File.Exists(path))
            return TypedResults.NotFound();
        http.Response.Headers.CacheControl = "public, max-age=86400";
        return TypedResults.PhysicalFile(path, contentType);
    }

    /// Scripts and styles from this server only, nothing inline; GraphQL and its WebSocket on
    /// this origin, and the token issuers' origins for signing in.
    public static string ContentSecurityPolicy(AccessOptions access)
    {
        var issuers = string.Concat(access.Issuers.Select(i => Uri.TryCreate(i.Authority, UriKind.Absolute, out var uri) ? " " + uri.GetLeftPart(UriPartial.Authority) : "").Distinct());
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; manifest-src 'self'; " +
            $"connect-src 'self'{issuers}; form-action 'self'{issuers}; base-uri 'none'; frame-ancestors 'none'";
    }
}
