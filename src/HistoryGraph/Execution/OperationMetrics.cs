using System.Diagnostics;
using GraphQL;
using GraphQL.DI;
using HistoryGraph.Ingestion.Telemetry;

namespace HistoryGraph.Execution;

/// Counts and times every GraphQL operation, whatever the transport, in a span of its own
/// (the statements it runs are its children). An operation is named only when it came as a
/// trusted document, whose names are a fixed set; any other is "anonymous", so that no client
/// can grow the number of series by inventing names.
internal sealed class OperationMetrics(HistoryMetrics metrics) : IConfigureExecution
{
    /// Outermost: the time includes the trusted document policy, the cache and the checks.
    public float SortOrder => -4;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = HistoryTracing.Source.StartActivity("graphql.operation");
        var result = await next(options);
        var name = options.DocumentId is not null && result.Operation?.Name?.StringValue is { } trusted ? trusted : "anonymous";
        var type = result.Operation?.Operation.ToString().ToLowerInvariant() ?? "unknown";
        var error = result.Errors is { Count: > 0 } errors ? errors[0].Code ?? "ERROR" : "none";
        var operation = HistoryMetrics.Tag("operation", name);
        metrics.GraphQLOperations.Add(1, operation, HistoryMetrics.Tag("type", type), HistoryMetrics.Tag("error", error));
        metrics.GraphQLDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, operation, HistoryMetrics.Tag("type", type));
        if (options.UserContext.TryGetValue(OperationCost.ContextKey, out var value) && value is OperationCost { Measured: true } cost)
            metrics.GraphQLCost.Record(cost.FieldCost, operation);
        if (activity is not null)
        {
            activity.DisplayName = name == "anonymous" ? $"graphql {type}" : $"graphql {type} {name}";
            activity.SetTag("graphql.operation.type", type);
            activity.SetTag("graphql.operation.name", name);
            if (error != "none")
                activity.SetStatus(ActivityStatusCode.Error, error);
        }
        return result;
    }
}
