using HistoryGraph.Access;
using HistoryGraph.Ingestion.Storage;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace HistoryGraph.Transport;

/// Banana Cake Pop, the GraphQL IDE, served the way Hot Chocolate serves it: a browser asking
/// for /graphql is sent to /graphql/ (the IDE's assets use relative paths), which serves the
/// npm package's files (installed into the output's ide/ folder by the build) and its config.
public static class BananaCakePopApi
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "ide");

    public static WebApplication MapBananaCakePop(this WebApplication app)
    {
        // The IDE and its files are for readers: a browser is asked for a key (Basic, the key as
        // the password) and then sends it with the IDE's own requests.
        app.UseWhen(http => http.Request.Path.StartsWithSegments(GraphQLHttpApi.Path, out var rest) && rest.HasValue,
            branch => branch.Use(async (http, next) =>
            {
                var decision = await http.RequestServices.GetRequiredService<AccessControl>().DecideAsync(http, AccessRole.Reader);
                if (decision.Allowed)
                    await next(http);
                else
                    await AccessControl.Refusal(http, decision, "The GraphQL IDE needs the reader role").ExecuteAsync(http);
            }));
        if (Directory.Exists(Folder))
        {
            app.UseStaticFiles(new StaticFileOptions
            {
                RequestPath = GraphQLHttpApi.Path,
                FileProvider = new PhysicalFileProvider(Folder),
                ContentTypeProvider = new FileExtensionContentTypeProvider { Mappings = { [".webmanifest"] = "application/manifest+json" } },
            });
        }
        app.MapGet(GraphQLHttpApi.Path + "/bcp-config.json", () => TypedResults.Json(new
        {
            useBrowserUrlAsEndpoint = true,
            title = "HistoryGraph",
            subscriptionProtocol = "auto",
            includeCookies = false,
            disableTelemetry = true,
        }));
        return app;
    }

    /// GET /graphql/ serves the IDE and a browser opening /graphql (HTML accepted, no query) is
    /// sent there; true when the request was one of those and has been answered.
    public static async Task<bool> TryServeAsync(HttpContext http)
    {
        var request = http.Request;
        if (request.Path.Value?.EndsWith('/') == true)
        {
            await ServeIndex().ExecuteAsync(http);
            return true;
        }
        if (!request.Query.ContainsKey("query")
            && MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted)
            && accepted.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase)))
        {
            http.Response.Redirect(GraphQLHttpApi.Path + "/", permanent: true);
            return true;
        }
        return false;
    }

    private static IResult ServeIndex()
    {
        var index = Path.Combine(Folder, "index.html");
        return File.Exists(index)
            ? TypedResults.PhysicalFile(index, "text/html; charset=utf-8")
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "The GraphQL IDE is not installed",
                detail: "Banana Cake Pop is installed from npm when the server is built; npm was not available then. POST queries to /graphql still work.");
    }
}
