using System.Collections.Concurrent;
using System.Linq.Expressions;

namespace HistoryGraph.Conventions.Paging;

/// A key expression compiled once, for reading keys off rows in memory (a parent's key, the
/// parent a child row belongs to).
internal static class CompiledKeys<TRow, TKey>
{
    private static readonly ConcurrentDictionary<Expression, Func<TRow, TKey>> Cache = new();

    public static Func<TRow, TKey> Of(Expression<Func<TRow, TKey>> expression) => Cache.GetOrAdd(expression, _ => expression.Compile());
}
