using GraphQLParser.AST;

namespace HistoryGraph.Execution;

/// The size of a document as execution would see it: fields, aliases and fragment spreads
/// counted with every fragment expanded where it is spread. Each fragment is counted once and
/// its total reused (counts saturate instead of overflowing), so the work is proportional to
/// the document's text even when expansion would be exponential (fragments that each spread
/// the next twice). Cycles count nothing: validation reports them.
internal sealed class DocumentSize
{
    private readonly Dictionary<string, GraphQLFragmentDefinition> _fragments = new(StringComparer.Ordinal);
    private readonly Dictionary<GraphQLFragmentDefinition, Counts> _expanded = [];
    private readonly HashSet<GraphQLFragmentDefinition> _counting = [];

    private DocumentSize(GraphQLDocument document)
    {
        foreach (var fragment in document.Definitions.OfType<GraphQLFragmentDefinition>())
            _fragments.TryAdd(fragment.FragmentName.Name.StringValue, fragment);
    }

    /// The largest counts over the document's operations and fragments (unused fragments too:
    /// validation walks them as well).
    public static Counts Measure(GraphQLDocument document)
    {
        var size = new DocumentSize(document);
        var largest = new Counts(0, 0, 0);
        foreach (var definition in document.Definitions)
        {
            var counts = definition switch
            {
                GraphQLOperationDefinition operation => size.Count(operation.SelectionSet),
                GraphQLFragmentDefinition fragment => size.Expanded(fragment),
                _ => new Counts(0, 0, 0),
            };
            largest = new Counts(Math.Max(largest.Fields, counts.Fields), Math.Max(largest.Aliases, counts.Aliases), Math.Max(largest.Spreads, counts.Spreads));
        }
        return largest;
    }

    private Counts Count(GraphQLSelectionSet? selectionSet)
    {
        var total = new Counts(0, 0, 0);
        if (selectionSet is null)
            return total;
        // The parser's depth limit bounds nesting within a definition, but a chain of fragments
        // each spreading the next is as deep as it is long: refuse it instead of overflowing.
        if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
            return new Counts(long.MaxValue, long.MaxValue, long.MaxValue);
        foreach (var selection in selectionSet.Selections)
        {
            total += selection switch
            {
                GraphQLField field => new Counts(1, field.Alias is null ? 0 : 1, 0) + Count(field.SelectionSet),
                GraphQLInlineFragment inline => Count(inline.SelectionSet),
                GraphQLFragmentSpread spread => new Counts(0, 0, 1) + (_fragments.TryGetValue(spread.FragmentName.Name.StringValue, out var fragment) ? Expanded(fragment) : new Counts(0, 0, 0)),
                _ => new Counts(0, 0, 0),
            };
        }
        return total;
    }

    private Counts Expanded(GraphQLFragmentDefinition fragment)
    {
        if (_expanded.TryGetValue(fragment, out var known))
            return known;
        if (!_counting.Add(fragment))
            return new Counts(0, 0, 0); // a cycle
        var counts = Count(fragment.SelectionSet);
        _counting.Remove(fragment);
        _expanded[fragment] = counts;
        return counts;
    }

    public readonly record struct Counts(long Fields, long Aliases, long Spreads)
    {
        public static Counts operator +(Counts a, Counts b) => new(Add(a.Fields, b.Fields), Add(a.Aliases, b.Aliases), Add(a.Spreads, b.Spreads));

        private static long Add(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
    }
}
