using HistoryGraph.CompiledReads;
using HistoryGraph.Conventions.Extending;
using GraphQL;
using GraphQLParser.AST;
using HistoryGraph.Schema;
using HistoryGraph.Schema.Scalars;
using HistoryGraph.Schema.Subscriptions;
using HistoryGraph.TrustedDocuments;

namespace HistoryGraph.Execution;

public static class ExecutionServiceCollectionExtensions
{
    /// The schema and the executor that runs documents against it: limits checked before a
    /// document runs, validated documents kept for reuse, errors without internals.
    public static IServiceCollection AddGraphQLExecution(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<GraphQLOptions>(configuration.GetSection(GraphQLOptions.Section));
        var graphQLOptions = configuration.GetSection(GraphQLOptions.Section).Get<GraphQLOptions>() ?? new GraphQLOptions();
        services.AddObjectTypeExtensions(typeof(HistorySchema).Assembly);
        services.AddGraphQL(graphql => graphql
            .AddSchema<HistorySchema>()
            .AddGraphTypes(typeof(HistorySchema).Assembly)
            .AddSystemTextJson()
            .AddSchemaVisitor<ScalarDescriptions>()
            .AddExecutionStrategy<CompiledReadsExecutionStrategy>(OperationType.Query)
            .AddExecutionStrategy<LiveExecutionStrategy>(OperationType.Subscription)
            .ConfigureExecution<TrustedDocumentPolicy>()
            .ConfigureExecution<TrustedDocumentHandler>()
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
