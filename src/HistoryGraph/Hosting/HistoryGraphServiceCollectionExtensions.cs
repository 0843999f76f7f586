using GraphQL;
using GraphQL.Validation.Complexity;
using GraphQLParser.AST;
using HistoryGraph.Admin;
using HistoryGraph.Conventions;
using HistoryGraph.Execution;
using HistoryGraph.Ingestion;
using HistoryGraph.Ingestion.OpenMetadataApi;
using HistoryGraph.Live;
using HistoryGraph.Loading;
using HistoryGraph.Restore;
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
    /// Logging and the history store: what both the server and the maintenance commands need.
    public static IServiceCollection AddHistoryStore(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddSerilog((_, logger) => logger.ReadFrom.Configuration(configuration).Enrich.FromLogContext());
        services.AddSingleton(TimeProvider.System);
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
        services.AddOpenMetadataApi(configuration);
        services.AddSingleton<EntityRestorer>();
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
