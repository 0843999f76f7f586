using HistoryGraph.Dashboard;
using HistoryGraph.Events;
using HistoryGraph.Export;
using HistoryGraph.Health;
using HistoryGraph.Telemetry;
using HistoryGraph.Transparency;
using HistoryGraph.Transport;
using HistoryGraph.Webhooks;
using Microsoft.Extensions.Options;

namespace HistoryGraph.Hosting;

/// The server, built the same way by Program.cs and by the end-to-end tests.
public static class HistoryGraphApp
{
    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = ContentRoot.For(args) });
        builder.Services.AddHistoryStore(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddHistoryGraph(builder.Configuration);

        var app = builder.Build();
        // A malformed or too slow request that Kestrel detects while a handler reads it is the
        // client's fault, answered with Kestrel's status (400, 408, 413), not 500.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePages();
        app.UseWebSockets();
        app.MapWebhooks();
        app.MapHealth();
        app.MapMetrics();
        app.MapEventsApi();
        app.MapExport();
        app.MapTransparency();
        app.MapBananaCakePop();
        app.MapDashboard();
        app.MapGraphQL();
        WarnIfUnsigned(app);
        return app;
    }

    private static void WarnIfUnsigned(WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<WebhookOptions>>().Value;
        if (options.SecretKeys.Count == 0 && options.AllowUnsignedWebhooks)
            app.Logger.LogWarning("!!! No webhook secret is configured: deliveries are accepted WITHOUT a signature or key. " +
                "Set OpenMetadata:WebhookSecrets before exposing this server to a network. !!!");
    }
}
