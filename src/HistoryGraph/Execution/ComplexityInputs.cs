using System.Runtime.CompilerServices;
using GraphQLParser.AST;

namespace HistoryGraph.Execution;

/// Whether a document's complexity can change with its variables. GraphQL.NET's analysis reads
/// argument values only from `first`, `last` and `id` (the list multipliers) and leaves out
/// what `@skip`/`@include` exclude: a document whose variables feed none of those costs the same
/// whatever values come with it, so the analysis that passed when it was cached need not run again.
internal static class ComplexityInputs
{
    private static readonly HashSet<string> Multipliers = new(StringComparer.Ordinal) { "first", "last", "id" };

    // The documents measured as they were cached, by instance: a cached document is handed to
    // every later request as the same object, and is forgotten with it.
    private static readonly ConditionalWeakTable<GraphQLDocument, object> Unchanging = new();

    /// Notes, once, as a document that passed validation is cached, whether its cost is fixed.
    public static void Measure(GraphQLDocument document)
    {
        if (!DependOnVariables(document))
            Unchanging.AddOrUpdate(document, Unchanging);
    }

    /// True for a document that passed the analysis as it was cached and whose cost its variables cannot change.
    public static bool CostIsFixed(GraphQLDocument? document) => document is not null && Unchanging.TryGetValue(document, out _);

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
