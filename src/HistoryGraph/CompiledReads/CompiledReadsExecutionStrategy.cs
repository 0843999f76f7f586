using GraphQL;
using GraphQL.Execution;

namespace HistoryGraph.CompiledReads;

/// Queries: compiled to SQL where the whole operation compiles (CompiledReader), through the
/// resolvers otherwise, and whenever the compiled path meets an argument the resolvers refuse,
/// so that the error comes from them with its path and location.
public sealed class CompiledReadsExecutionStrategy : ParallelExecutionStrategy
{
    public override async Task<ExecutionResult> ExecuteAsync(GraphQL.Execution.ExecutionContext context)
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
