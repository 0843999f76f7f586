using GraphQL;
using GraphQL.Execution;
using HistoryGraph.Http;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.CompiledReads;

/// Queries: compiled to SQL where the whole operation compiles (CompiledReader), through the
/// resolvers otherwise, and whenever the compiled path meets an argument the resolvers refuse,
/// so that the error comes from them with its path and location.
public sealed class CompiledReadsExecutionStrategy : ParallelExecutionStrategy
{
    public override async Task<ExecutionResult> ExecuteAsync(GraphQL.Execution.ExecutionContext context)
    {
        // A query reads from a standby where there is one (and it is recent enough for the caller).
        var standby = context.RequestServices?.GetService<StandbyReads>() is { } reads
            && await reads.MayReadAsync(ReadConsistency.MinSequence(context.UserContext), context.CancellationToken);
        using var scope = StandbyReads.Enter(standby);
        context.UserContext[ReadConsistency.SourceKey] = scope.Source;
        return await ExecuteOnAsync(context);
    }

    private async Task<ExecutionResult> ExecuteOnAsync(GraphQL.Execution.ExecutionContext context)
    {
        if (context.RequestServices?.GetService<CompiledReader>() is { } reader
            && reader.Plan(context, (type, selection) => CollectFieldsFrom(context, type, selection!, null)) is { } plan)
        {
            try
            {
                var data = await reader.ExecuteAsync(plan, context);
                return new ExecutionResult
                {
                    Executed = true,
                    Data = data,
                    Document = context.Document,
                    Operation = context.Operation,
                    Extensions = context.OutputExtensions,
                };
            }
            catch (Exception ex) when (ex is ExecutionError or NotCompilableException)
            {
                // The resolvers answer it.
            }
        }
        return await base.ExecuteAsync(context);
    }
}
