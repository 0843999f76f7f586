using GraphQL;
using GraphQLParser.AST;

namespace HistoryGraph.Conventions;

/// Whether a name is selected anywhere under the field being resolved, through fragments too.
/// Deciding which large columns a query reads needs no more than this: a name that shows up
/// deeper (another type's field of the same name) only reads a column that was not needed,
/// never leaves out one that was. Each fragment is walked once.
public static class SelectedNames
{
    public static bool AnyUnder(IResolveFieldContext context, IReadOnlyList<string> names)
    {
        if (names.Count == 0 || context.FieldAst.SelectionSet is not { } selections)
            return false;
        var fragments = context.Document.Definitions.OfType<GraphQLFragmentDefinition>()
            .GroupBy(f => f.FragmentName.Name.StringValue, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var seen = new HashSet<GraphQLFragmentDefinition>();
        var pending = new Stack<GraphQLSelectionSet>();
        pending.Push(selections);
        while (pending.TryPop(out var set))
        {
            foreach (var selection in set.Selections)
            {
                switch (selection)
                {
                    case GraphQLField field:
                        if (names.Contains(field.Name.StringValue))
                            return true;
                        if (field.SelectionSet is { } below)
                            pending.Push(below);
                        break;
                    case GraphQLInlineFragment { SelectionSet: var inline }:
                        pending.Push(inline);
                        break;
                    case GraphQLFragmentSpread spread when fragments.TryGetValue(spread.FragmentName.Name.StringValue, out var fragment) && seen.Add(fragment):
                        pending.Push(fragment.SelectionSet);
                        break;
                }
            }
        }
        return false;
    }
}
