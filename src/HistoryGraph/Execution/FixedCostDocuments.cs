using GraphQL;
using GraphQL.DI;
using GraphQL.Validation.Rules.Custom;

namespace HistoryGraph.Execution;

/// Runs last, once every other step has set the rules: for a cached document whose cost its
/// variables cannot change (ComplexityInputs), the complexity analysis, which passed when the
/// document was cached, is left out; with the document cache it was the largest part of what
/// validation still cost per request.
internal sealed class FixedCostDocuments : IConfigureExecution
{
    public float SortOrder => float.MaxValue;

    public Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (ComplexityInputs.CostIsFixed(options.Document) && options.ValidationRules is { } rules)
            options.ValidationRules = rules.Where(rule => rule is not ComplexityValidationRule).ToList();
        return next(options);
    }
}
