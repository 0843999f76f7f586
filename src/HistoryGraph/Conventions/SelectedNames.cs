using GraphQL;
using GraphQLParser.AST;

namespace HistoryGraph.Conventions;

/// The names of the fields selected anywhere under the field being resolved, through fragments
/// too, in one walk. Deciding which large columns a query reads needs no more than this: a name
/// that shows up deeper (another type's field of the same name) only reads a column that was not
/// needed, never leaves out one that was. Each fragment is walked once.
public static class SelectedNames
{
    public static HashSet<string> Under(IResolveFieldContext context)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (context.FieldAst.SelectionSet is not { } selections)
            return names;
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
                        names.Add(field.Name.StringValue);
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
        return names;
    }
}
