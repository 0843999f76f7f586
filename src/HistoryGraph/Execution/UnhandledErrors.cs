using System.Diagnostics;
using GraphQL;
using GraphQL.Execution;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Execution;

/// What a client sees of an exception no resolver expected: no stack trace, only "Unexpected
/// Execution Error" (Hot Chocolate's words) and a correlation id that finds the full error in
/// the server's log. An unreachable database is said as such, since the client can retry.
internal static class UnhandledErrors
{
    public static void Handle(UnhandledExceptionContext context, ILogger logger)
    {
        var correlationId = Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N");
        var field = context.FieldContext?.FieldDefinition.Name;
        if (StorageFailure.IsUnavailable(context.OriginalException))
        {
            logger.LogWarning("GraphQL field {Field} failed, the history database is unavailable ({CorrelationId}): {Error}",
                field, correlationId, context.OriginalException.GetBaseException().Message);
            context.Exception = Error("The history database is unavailable; try again shortly.", "STORE_UNAVAILABLE", correlationId);
            return;
        }
        logger.LogError(context.OriginalException, "GraphQL field {Field} failed ({CorrelationId})", field, correlationId);
        context.Exception = Error("Unexpected Execution Error", "UNEXPECTED_EXECUTION_ERROR", correlationId);
    }

    private static ExecutionError Error(string message, string code, string correlationId)
    {
        var error = new ExecutionError(message) { Code = code };
        error.Extensions = new Dictionary<string, object?> { ["correlationId"] = correlationId };
        return error;
    }
}
