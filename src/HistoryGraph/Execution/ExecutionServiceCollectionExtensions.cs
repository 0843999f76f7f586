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
    /// The schema and the executor that runs documents against it: limits and cost budgets checked
    /// before a document runs, validated documents kept for reuse, errors without internals.
    public static IServiceCollection AddGraphQLExecution(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<GraphQLOptions>(configuration.GetSection(GraphQLOptions.Section));
        services.AddOptions<CostOptions>().Bind(configuration.GetSection(CostOptions.Section))
            .Validate(o => new[] { o.Anonymous, o.Reader, o.Admin }.All(b => b.MaxFieldCost is null or > 0), "GraphQL:Cost:<role>:MaxFieldCost must be positive (unset: GraphQL:MaxComplexity).")
            .ValidateOnStart();
        services.AddObjectTypeExtensions(typeof(HistorySchema).Assembly);
        services.AddGraphQL(graphql => graphql
            .AddSchema<HistorySchema>()
            .AddGraphTypes(typeof(HistorySchema).Assembly)
            .AddSystemTextJson()
            .AddSchemaVisitor<ScalarDescriptions>()
            .AddExecutionStrategy<CompiledReadsExecutionStrategy>(OperationType.Query)
            .AddExecutionStrategy<LiveExecutionStrategy>(OperationType.Subscription)
            .ConfigureExecution<OperationMetrics>()
            .ConfigureExecution<TrustedDocumentPolicy>()
            .ConfigureExecution<TrustedDocumentHandler>()
            .ConfigureExecution<RequestLimits>()
            .ConfigureExecution<DocumentCache>()
            .AddValidationRule<CostRule>(useForCachedDocuments: true)
            .AddErrorInfoProvider(errors =>
            {
                errors.ExposeExceptionDetails = false;
                errors.ExposeCodes = false; // `extensions.code` alone, as Hot Chocolate answers
            })
            .AddUnhandledExceptionHandler(context =>
                UnhandledErrors.Handle(context, context.ExecutionOptions.RequestServices!.GetRequiredService<ILoggerFactory>().CreateLogger("HistoryGraph.GraphQL"))));
        return services;
    }
}
