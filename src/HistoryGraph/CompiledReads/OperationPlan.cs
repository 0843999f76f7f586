using GraphQLParser.AST;

namespace HistoryGraph.CompiledReads;

/// A query operation every root field of which compiles: each connection one statement, and
/// `__typename` as it is.
public sealed class OperationPlan(IReadOnlyList<(string Key, ConnectionPlan? Connection, string? TypeName)> roots)
{
    public IReadOnlyList<(string Key, ConnectionPlan? Connection, string? TypeName)> Roots { get; } = roots;

    /// Whether a document's plan is the same for every request: no directive can leave a
    /// field out for some variables and not for others.
    public static bool FixedFor(GraphQLDocument document) => !document.Definitions.Any(definition => definition switch
    {
        GraphQLOperationDefinition operation => HasDirectives(operation.SelectionSet),
        GraphQLFragmentDefinition fragment => HasDirectives(fragment.SelectionSet),
        _ => false,
    });

    private static bool HasDirectives(GraphQLSelectionSet? set) =>
        set is not null && set.Selections.Any(selection => selection switch
        {
            GraphQLField field => field.Directives is { Count: > 0 } || HasDirectives(field.SelectionSet),
            GraphQLInlineFragment inline => inline.Directives is { Count: > 0 } || HasDirectives(inline.SelectionSet),
            GraphQLFragmentSpread spread => spread.Directives is { Count: > 0 },
            _ => true,
        });
}
