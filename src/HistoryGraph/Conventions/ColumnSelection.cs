using System.Collections.Concurrent;
using System.Linq.Expressions;
using GraphQL;
using Microsoft.EntityFrameworkCore.Metadata;

namespace HistoryGraph.Conventions;

/// The columns a page reads: every mapped column but the declared large ones no selected field
/// needs (a history page that shows versions and dates does not read compressed payloads).
/// The projection is the row type itself with those members left unset, so that everything
/// downstream (cursors, resolvers, batch loaders) keeps working on rows.
public static class ColumnSelection
{
    private static readonly ConcurrentDictionary<(Type, string), LambdaExpression> Shapes = new();

    /// Null when every column is needed: the query stays as it is.
    public static Expression<Func<TRow, TRow>>? Shape<TRow>(QueryableType<TRow> declaration, IResolveFieldContext context, IModel model)
    {
        if (declaration.LargeColumns.Count == 0)
            return null;
        var selected = SelectedNames.Under(context);
        var omitted = declaration.LargeColumns.Where(c => !c.SelectedBy.Any(selected.Contains)).Select(c => c.Property).ToList();
        if (omitted.Count == 0)
            return null;
        return (Expression<Func<TRow, TRow>>)Shapes.GetOrAdd((typeof(TRow), string.Join(',', omitted)), _ =>
        {
            var row = Expression.Parameter(typeof(TRow), "row");
            var bindings = model.FindEntityType(typeof(TRow))!.GetProperties()
                .Where(p => p.PropertyInfo is { } info && !omitted.Contains(info.Name))
                .Select(p => Expression.Bind(p.PropertyInfo!, Expression.Property(row, p.PropertyInfo!)));
            return Expression.Lambda<Func<TRow, TRow>>(Expression.MemberInit(Expression.New(typeof(TRow)), bindings), row);
        });
    }
}
