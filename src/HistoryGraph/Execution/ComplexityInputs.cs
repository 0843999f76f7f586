using System.Runtime.CompilerServices;
using GraphQLParser.AST;

namespace HistoryGraph.Execution;

/// Whether a document's complexity can change with its variables. GraphQL.NET's analysis reads
/// argument values only from `first`, `last` and `id` (the list multipliers) and leaves out
/// what `@skip`/`@include` exclude: a document whose variables feed none of those costs the same
/// whatever values come with it, so its operations' costs, once found, are remembered (CostRule)
/// and the analysis does not walk it again.
internal static class ComplexityInputs
{
    private static readonly HashSet<string> Multipliers = new(StringComparer.Ordinal) { "first", "last", "id" };

    // The documents measured as they were cached, by instance: a cached document is handed to
    // every later request as the same object, and is forgotten with it.
    private static readonly ConditionalWeakTable<GraphQLDocument, object> Unchanging = new();

    // The costs found for the operations of those documents (field cost, depth).
    private static readonly ConditionalWeakTable<GraphQLOperationDefinition, Tuple<double, int>> Costs = new();

    /// Notes, once, as a document that passed validation is cached, whether its cost is fixed.
    public static void Measure(GraphQLDocument document)
    {
        if (!DependOnVariables(document))
            Unchanging.AddOrUpdate(document, Unchanging);
    }

    /// True for a cached document whose cost its variables cannot change.
    public static bool CostIsFixed(GraphQLDocument? document) => document is not null && Unchanging.TryGetValue(document, out _);

    /// The cost found before for an operation of such a document.
    public static (double FieldCost, int Depth)? KnownCost(GraphQLOperationDefinition operation) =>
        Costs.TryGetValue(operation, out var cost) ? (cost.Item1, cost.Item2) : null;

    public static void RememberCost(GraphQLOperationDefinition operation, (double FieldCost, int Depth) cost) =>
        Costs.AddOrUpdate(operation, Tuple.Create(cost.FieldCost, cost.Depth));

    private static bool DependOnVariables(GraphQLDocument document) =>
        document.Definitions.Any(definition => definition switch
        {
            GraphQLOperationDefinition operation => Directives(operation.Directives) || Selections(operation.SelectionSet),
            GraphQLFragmentDefinition fragment => Directives(fragment.Directives) || Selections(fragment.SelectionSet),
            _ => false,
        });

    private static bool Selections(GraphQLSelectionSet? set) =>
        set is not null && set.Selections.Any(selection => selection switch
        {
            GraphQLField field => Directives(field.Directives)
                || (field.Arguments?.Any(a => Multipliers.Contains(a.Name.StringValue) && HasVariable(a.Value)) ?? false)
                || Selections(field.SelectionSet),
            GraphQLInlineFragment inline => Directives(inline.Directives) || Selections(inline.SelectionSet),
            GraphQLFragmentSpread spread => Directives(spread.Directives),
            _ => true, // a kind of selection not known here: assume the worst
        });

    private static bool Directives(GraphQLDirectives? directives) =>
        directives is not null && directives.Items.Any(d => d.Arguments?.Any(a => HasVariable(a.Value)) ?? false);

    private static bool HasVariable(GraphQLValue value) => value switch
    {
        GraphQLVariable => true,
        GraphQLListValue list => list.Values?.Any(HasVariable) ?? false,
        GraphQLObjectValue obj => obj.Fields?.Any(f => HasVariable(f.Value)) ?? false,
        _ => false,
    };
}
