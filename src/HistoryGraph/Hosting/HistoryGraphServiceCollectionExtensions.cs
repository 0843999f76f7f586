using HistoryGraph.Access;
using HistoryGraph.Backfill;
using HistoryGraph.Completeness;
using HistoryGraph.CompiledReads;
using HistoryGraph.Conventions;
using HistoryGraph.Execution;
using HistoryGraph.Export;
using HistoryGraph.Health;
using HistoryGraph.Http;
using HistoryGraph.Ingestion;
using HistoryGraph.Ingestion.OpenMetadataApi;
using HistoryGraph.Shutdown;
using HistoryGraph.Live;
using HistoryGraph.Loading;
using HistoryGraph.Notifications;
using HistoryGraph.Restore;
using HistoryGraph.Retention;
using HistoryGraph.Statistics;
using HistoryGraph.Telemetry;
using HistoryGraph.Transparency;
using HistoryGraph.Transport.Streaming;
using HistoryGraph.TrustedDocuments;
using HistoryGraph.Webhooks;
using Serilog;

namespace HistoryGraph.Hosting;

/// The composition root: each part registers itself; this only says which parts a host has.
public static class HistoryGraphServiceCollectionExtensions
{
    /// Logging, the history store, OpenMetadata's API, backfill and retention: what both the
    /// server and the maintenance commands need.
    public static IServiceCollection AddHistoryStore(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        // This host's own logger, not the static one: every host in a process (tests, tools)
        // logs with its own settings rather than the last one started.
        services.AddSerilog((_, logger) => logger.ReadFrom.Configuration(configuration).Enrich.FromLogContext(), preserveStaticLogger: true);
        services.AddSingleton(TimeProvider.System);
        services.AddOpenMetadataApi(configuration);
        services.AddBackfill(configuration);
        services.AddRetention(configuration);
        services.AddTransparency(configuration);
        services.Configure<ExportOptions>(configuration.GetSection(ExportOptions.Section));
        services.AddSingleton<ExportQueries>();
        services.AddSingleton<EventBundle>();
        return services.AddIngestion(configuration, contentRoot);
    }

    /// Everything the server adds on top: its endpoints, GraphQL, the live feed, notifications
    /// and the schedules.
    public static IServiceCollection AddHistoryGraph(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ServerOptions>(configuration.GetSection(ServerOptions.Section));
        services.AddTelemetry(configuration);
        services.AddShutdownSequence(configuration);
        services.AddSingleton<StoreAvailability>();
        services.AddHostedService(sp => sp.GetRequiredService<StoreAvailability>());
        services.AddHostedService<MemoryReclaimer>();
        services.AddRequestBodyLimits(configuration);
        services.AddWebhooks(configuration);
        services.AddAccess(configuration);
        services.AddTrustedDocuments(configuration);
        services.AddRestore();
        services.AddBackfillSchedule();
        services.AddRetentionSchedule();
        services.AddCompleteness(configuration);
        services.AddCheckpointSchedule();
        services.AddNotifications(configuration);
        services.AddLiveFeed(configuration);
        services.AddChangeStatistics();
        services.AddStreaming(configuration);
        services.AddLoaders();
        services.AddQueryConventions(configuration);
        services.AddCompiledReads(configuration);
        services.AddGraphQLExecution(configuration);
        return services;
    }
}
