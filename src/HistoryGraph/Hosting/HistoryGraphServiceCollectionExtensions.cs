using GraphQL;
using GraphQL.Validation.Complexity;
using GraphQLParser.AST;
using HistoryGraph.Admin;
using HistoryGraph.Backfill;
using HistoryGraph.Conventions;
using HistoryGraph.Execution;
using HistoryGraph.Ingestion;
using HistoryGraph.Ingestion.OpenMetadataApi;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Live;
using HistoryGraph.Loading;
using HistoryGraph.Notifications;
using HistoryGraph.Restore;
using HistoryGraph.Retention;
using HistoryGraph.Schema;
using HistoryGraph.Schema.Scalars;
using HistoryGraph.Schema.Subscriptions;
using HistoryGraph.Transport;
using HistoryGraph.Webhooks;
using Microsoft.Extensions.Options;
using Serilog;

namespace HistoryGraph.Hosting;

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
        services.AddOptions<BackfillOptions>().Bind(configuration.GetSection(BackfillOptions.Section))
            .Validate(o => o.Interval is null || o.Interval > TimeSpan.Zero, "Backfill:Interval must be a positive time span, such as 01:00:00.")
            .Validate(o => o.Lookback is null || o.Lookback > TimeSpan.Zero, "Backfill:Lookback must be a positive time span, such as 02:00:00.")
            .ValidateOnStart();
        services.AddSingleton<VersionRepair>();
        services.AddSingleton<EventBackfill>();
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.Section))
            .Validate(o => o.KeepDays is null or >= 0, "Retention:KeepDays must be 0 or more days (unset keeps everything).")
            .Validate(o => o.BatchSize > 0, "Retention:BatchSize must be positive.")
            .Validate(o => o.TryParseSchedule(out _), "Retention:Schedule must be a cron expression, such as `0 3 * * *` (daily at 03:00 UTC).")
            .ValidateOnStart();
        services.AddSingleton<HistoryPurge>();
        return services.AddIngestion(configuration, contentRoot);
    }

    /// Everything the server adds on top: webhook options (validated at start-up) and GraphQL.
    public static IServiceCollection AddHistoryGraph(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidation>();
        services.AddProblemDetails();
        services.Configure<ServerOptions>(configuration.GetSection(ServerOptions.Section));
        services.AddHostedService<MemoryReclaimer>();
        services.AddSingleton<BodyLimits>();
        services.Configure<GraphQLOptions>(configuration.GetSection(GraphQLOptions.Section));
        services.Configure<PagingOptions>(configuration.GetSection(PagingOptions.Section));
        services.Configure<FilterOptions>(configuration.GetSection(FilterOptions.Section));
        services.Configure<AdminOptions>(configuration.GetSection(AdminOptions.Section));
        services.AddSingleton<EntityRestorer>();
        services.AddNotifications(configuration);
        services.AddHostedService<BackfillSchedule>();
        services.AddHostedService<RetentionSchedule>();
        services.AddSingleton<AdminAccess>();
        services.AddLiveFeed(configuration);
        services.AddScoped<HistoryLoaders>();
        services.AddScoped<ConnectionLoaders>();
        var graphQLOptions = configuration.GetSection(GraphQLOptions.Section).Get<GraphQLOptions>() ?? new GraphQLOptions();
        services.AddGraphQL(graphql => graphql
            .AddSchema<HistorySchema>()
            .AddGraphTypes(typeof(HistorySchema).Assembly)
            .AddSystemTextJson()
            .AddSchemaVisitor<ScalarDescriptions>()
            .AddExecutionStrategy<LiveExecutionStrategy>(OperationType.Subscription)
            .ConfigureExecution<RequestLimits>()
            .ConfigureExecution<DocumentCache>()
            .ConfigureExecution<FixedCostDocuments>()
            .AddErrorInfoProvider(errors =>
            {
                errors.ExposeExceptionDetails = false;
                errors.ExposeCodes = false; // `extensions.code` alone, as Hot Chocolate answers
            })
            .AddComplexityAnalyzer(limits =>
            {
                limits.MaxDepth = graphQLOptions.MaxDepth;
                limits.MaxComplexity = graphQLOptions.MaxComplexity;
                var standard = limits.DefaultComplexityImpactDelegate;
                limits.DefaultComplexityImpactDelegate = field => IntrospectionCost.Applies(field) ? IntrospectionCost.Of(field, graphQLOptions.MaxComplexity) : standard(field);
            })
            .AddUnhandledExceptionHandler(context =>
                UnhandledErrors.Handle(context, context.ExecutionOptions.RequestServices!.GetRequiredService<ILoggerFactory>().CreateLogger("HistoryGraph.GraphQL"))));
        return services;
    }
}
