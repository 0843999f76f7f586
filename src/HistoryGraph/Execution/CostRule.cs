using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Errors.Custom;
using GraphQL.Validation.Rules.Custom;
using HistoryGraph.Access;
using Microsoft.Extensions.Options;

namespace HistoryGraph.Execution;

/// GraphQL.NET's complexity analysis, read as the operation's field cost and held to the budget
/// of the caller's role (GraphQL:Cost): refused before it runs in Enforce mode, run and logged in
/// Measure mode, and reported in `extensions.cost` when asked. Depth is always held to
/// GraphQL:MaxDepth. It runs for cached documents too (their cost depends on the variables and
/// on who asks); a cached document whose variables cannot change its cost (ComplexityInputs) is
/// not walked again, its operation's cost is remembered.
internal sealed class CostRule : ComplexityValidationRule
{
    private readonly GraphQLOptions _limits;
    private readonly CostOptions _budgets;
    private readonly TypeCostAnalysis _typeCost;
    private readonly ILogger<CostRule> _logger;

    public CostRule(IOptions<GraphQLOptions> limits, IOptions<CostOptions> budgets, ILogger<CostRule> logger)
        : base(Analysis(limits.Value, budgets.Value))
    {
        _limits = limits.Value;
        _budgets = budgets.Value;
        _typeCost = new TypeCostAnalysis(Analysis(limits.Value, budgets.Value, TypeWeight));
        _logger = logger;
    }

    /// Every field counts 1, and lists multiply what is below them by `first`/`last` or the
    /// expected page size; introspection is priced by IntrospectionCost against the smallest
    /// budget, so that any caller can introspect the schema once per request.
    private static ComplexityOptions Analysis(GraphQLOptions limits, CostOptions budgets, Func<FieldImpactContext, FieldComplexityResult, FieldComplexityResult>? weigh = null)
    {
        var options = new ComplexityOptions { MaxDepth = limits.MaxDepth, MaxComplexity = limits.MaxComplexity };
        var smallest = new[] { budgets.Anonymous, budgets.Reader, budgets.Admin }.Min(b => b.MaxFieldCost ?? limits.MaxComplexity);
        var standard = options.DefaultComplexityImpactDelegate;
        options.DefaultComplexityImpactDelegate = field => IntrospectionCost.Applies(field) ? IntrospectionCost.Of(field, smallest)
            : weigh is null ? standard(field) : weigh(field, standard(field));
        return options;
    }

    /// Type cost: every object returned counts 1, a list of them as many as its page holds
    /// (the multiplier its children get), scalars and enums nothing.
    private static FieldComplexityResult TypeWeight(FieldImpactContext field, FieldComplexityResult standard)
    {
        var type = field.FieldDefinition.ResolvedType;
        if (type is NonNullGraphType nonNull)
            type = nonNull.ResolvedType;
        var isList = type is ListGraphType;
        var returnsObjects = type?.GetNamedType() is not ScalarGraphType;
        return new FieldComplexityResult(!returnsObjects ? 0 : isList ? standard.ChildImpactMultiplier : 1, standard.ChildImpactMultiplier);
    }

    protected override async ValueTask<(double TotalComplexity, int MaximumDepth)> CalculateComplexityAsync(ValidationContext context)
    {
        if (!ComplexityInputs.CostIsFixed(context.Document))
            return await base.CalculateComplexityAsync(context);
        if (ComplexityInputs.KnownCost(context.Operation) is { } known)
            return known;
        var cost = await base.CalculateComplexityAsync(context);
        ComplexityInputs.RememberCost(context.Operation, cost);
        return cost;
    }

    protected override async ValueTask ValidateComplexityAsync(ValidationContext context, double fieldCost, int depth)
    {
        var caller = context.UserContext.TryGetValue(Caller.ContextKey, out var value) ? value as Caller : null;
        var (budget, section, role) = BudgetOf(caller);
        var maxFieldCost = (double)(role.MaxFieldCost ?? _limits.MaxComplexity);
        var over = fieldCost > maxFieldCost;
        var refused = over && role.Mode == CostMode.Enforce;

        if (context.UserContext.TryGetValue(OperationCost.ContextKey, out var report) && report is OperationCost cost)
        {
            cost.Record(fieldCost, depth, _limits.MaxDepth, budget, role, maxFieldCost, refused);
            if (cost.BelongsInAnswer)
                cost.TypeCost = (await _typeCost.MeasureAsync(context)).TotalComplexity;
        }

        if (depth > _limits.MaxDepth)
            context.ReportError(new ComplexityError(
                $"Query is too nested to execute. Maximum depth is {depth} levels; maximum allowed on this endpoint is {_limits.MaxDepth} (GraphQL:MaxDepth)."));
        else if (refused)
            context.ReportError(new ComplexityError(
                $"Query is too complex to execute. Its complexity (field cost) is {fieldCost}; the most allowed for {budget} callers is {maxFieldCost} ({(role.MaxFieldCost is null ? "GraphQL:MaxComplexity" : $"GraphQL:Cost:{section}:MaxFieldCost")})."));
        else if (over)
            _logger.LogInformation("{Caller} ran operation {Operation} costing {FieldCost}, over the {Budget} budget of {MaxFieldCost} (measured, not enforced: GraphQL:Cost:{Section}:Mode)",
                caller?.Name ?? "an internal caller", context.Operation.Name?.StringValue ?? "(unnamed)", fieldCost, budget, maxFieldCost, section);
    }

    /// Callers that presented nothing have the anonymous budget whatever their role; others
    /// the most generous budget of their roles.
    private (string Budget, string Section, RoleCost Role) BudgetOf(Caller? caller) => caller switch
    {
        null => ("internal", "", DefaultBudget),
        { IsAnonymous: true } => ("anonymous", "Anonymous", _budgets.Anonymous),
        _ when caller.May(Ingestion.Storage.AccessRole.Admin) => ("admin", "Admin", _budgets.Admin),
        _ => ("reader", "Reader", _budgets.Reader),
    };

    // Callers inside the server (no transport): GraphQL:MaxComplexity, enforced.
    private static readonly RoleCost DefaultBudget = new();

    /// The same walk weighing what TypeWeight says: the objects an operation returns.
    private sealed class TypeCostAnalysis(ComplexityOptions options) : ComplexityValidationRule(options)
    {
        public ValueTask<(double TotalComplexity, int MaximumDepth)> MeasureAsync(ValidationContext context) => CalculateComplexityAsync(context);
    }
}
