using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;
using HistoryGraph.Conventions.Declarations;
using Microsoft.EntityFrameworkCore.Metadata;

namespace HistoryGraph.Conventions.Projections;

/// The columns a page reads: those its selected fields declare (ColumnFields), the order's and
/// the key's (for cursors) and the parent key of a nested page (to group rows by parent); all of
/// them as soon as one selected field declares nothing. A dashboard's list of names and dates
/// reads neither compressed payloads nor descriptions, tags and owners. The projection is the
/// row type itself with the other members left unset, so that everything downstream (cursors,
/// resolvers, batch loaders) keeps working on rows.
public static class ColumnSelection
{
    /// Each distinct set of columns is a statement EF Core compiles and keeps: past this many,
    /// a new set reads every column instead, so that varied selections cannot grow memory.
    private const int MaxShapes = 512;

    private static readonly ConcurrentDictionary<(Type, string), LambdaExpression> Shapes = new();

    // What the rows' selected fields read, by the connection field's node in the document: a
    // cached document hands every request the same nodes, so the walk is done once per document.
    // Reads null: a selected field does not say, every column is read. Kept with the field
    // definition it was found for, so that a node met under another type is walked anew.
    private static readonly ConditionalWeakTable<GraphQLField, SelectedColumns> SelectedReads = new();

    private sealed record SelectedColumns(FieldType Field, string[]? Reads);

    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Columns = new();

    /// Null when every column is needed: the query stays as it is.
    public static Expression<Func<TRow, TRow>>? Shape<TRow>(
        QueryableType<TRow> declaration, IResolveFieldContext context, IModel model,
        IReadOnlyList<IDictionary<string, object?>>? order, LambdaExpression? parentKey = null)
    {
        var known = SelectedReads.GetValue(context.FieldAst, _ => Selected(context));
        if ((known.Field == context.FieldDefinition ? known : Selected(context)).Reads is not { } selected)
            return null;
        var needed = new HashSet<string>(selected, StringComparer.Ordinal);
        foreach (var (field, _) in declaration.Key.Concat(declaration.DefaultOrder))
            needed.UnionWith(ColumnFields.MembersOf(field.Expression));
        foreach (var name in order?.SelectMany(element => element.Keys) ?? [])
        {
            if (declaration.Fields.FirstOrDefault(f => f.Name == name) is { } sorted)
                needed.UnionWith(ColumnFields.MembersOf(sorted.Expression));
        }
        if (parentKey is not null)
            needed.UnionWith(ColumnFields.MembersOf(parentKey));

        var columns = Columns.GetOrAdd(typeof(TRow), type => model.FindEntityType(type)!.GetProperties().Select(p => p.PropertyInfo).OfType<PropertyInfo>().ToArray());
        var read = columns.Where(c => needed.Contains(c.Name)).ToList();
        if (read.Count == columns.Length)
            return null;
        var key = (typeof(TRow), string.Join(',', read.Select(c => c.Name)));
        if (!Shapes.TryGetValue(key, out var shape))
        {
            if (Shapes.Count >= MaxShapes)
                return null;
            var row = Expression.Parameter(typeof(TRow), "row");
            shape = Shapes.GetOrAdd(key, Expression.Lambda<Func<TRow, TRow>>(
                Expression.MemberInit(Expression.New(typeof(TRow)), read.Select(c => Expression.Bind(c, Expression.Property(row, c)))), row));
        }
        return (Expression<Func<TRow, TRow>>)shape;
    }

    private static SelectedColumns Selected(IResolveFieldContext context)
    {
        var reads = new HashSet<string>(StringComparer.Ordinal);
        return new(context.FieldDefinition, NodeType(context.FieldDefinition.ResolvedType) is { } nodeType && AddSelected(context, nodeType, reads) ? [.. reads] : null);
    }

    /// The rows' type under a connection: `nodes` (or `edges.node`) unwrapped.
    private static IComplexGraphType? NodeType(IGraphType? connection) =>
        GraphTypes.Unwrap(connection) is IComplexGraphType type && type.GetField("nodes") is { } nodes ? GraphTypes.Unwrap(nodes.ResolvedType) as IComplexGraphType : null;

    /// Adds what the fields selected on the rows read; false when one of them does not say.
    private static bool AddSelected(IResolveFieldContext context, IComplexGraphType nodeType, HashSet<string> needed)
    {
        var fragments = context.Document.Definitions.OfType<GraphQLFragmentDefinition>()
            .GroupBy(f => f.FragmentName.Name.StringValue, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var rowSelections = new List<GraphQLSelectionSet>();
        foreach (var field in Fields(context.FieldAst.SelectionSet, fragments))
        {
            if (field.Name.StringValue == "nodes" && field.SelectionSet is { } nodes)
                rowSelections.Add(nodes);
            else if (field.Name.StringValue == "edges")
                rowSelections.AddRange(Fields(field.SelectionSet, fragments).Where(f => f.Name.StringValue == "node" && f.SelectionSet is not null).Select(f => f.SelectionSet!));
        }
        foreach (var field in rowSelections.SelectMany(set => Fields(set, fragments)))
        {
            var name = field.Name.StringValue;
            // Introspection reads nothing; a field of another type (a fragment on an interface
            // the rows do not take) is not resolved on these rows.
            if (name.StartsWith("__", StringComparison.Ordinal) || nodeType.GetField(name) is not { } definition)
                continue;
            if (ColumnFields.ReadsOf(definition) is not { } reads)
                return false;
            needed.UnionWith(reads);
        }
        return true;
    }

    /// The fields of one level of a selection, through inline fragments and fragment spreads.
    private static IEnumerable<GraphQLField> Fields(GraphQLSelectionSet? set, Dictionary<string, GraphQLFragmentDefinition> fragments, HashSet<string>? spread = null)
    {
        foreach (var selection in set?.Selections ?? [])
        {
            switch (selection)
            {
                case GraphQLField field:
                    yield return field;
                    break;
                case GraphQLInlineFragment inline:
                    foreach (var field in Fields(inline.SelectionSet, fragments, spread))
                        yield return field;
                    break;
                case GraphQLFragmentSpread reference when fragments.TryGetValue(reference.FragmentName.Name.StringValue, out var fragment)
                    && (spread ??= new(StringComparer.Ordinal)).Add(fragment.FragmentName.Name.StringValue):
                    foreach (var field in Fields(fragment.SelectionSet, fragments, spread))
                        yield return field;
                    break;
            }
        }
    }
}
