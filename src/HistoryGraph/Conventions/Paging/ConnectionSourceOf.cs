using System.Linq.Expressions;
using HistoryGraph.Conventions.Declarations;
using HistoryGraph.Conventions.Filtering;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Conventions.Paging;

/// A connection's source for rows of one type.
public sealed class ConnectionSourceOf<TRow>(QueryableType<TRow> declaration, Func<HistoryDbContext, IQueryable<TRow>> rows) : ConnectionSource
{
    public override IQueryableType Declaration => declaration;

    public override IQueryable Rows(HistoryDbContext db) => rows(db);

    public override LambdaExpression? Filter(IDictionary<string, object?>? where, Func<Type, Expression> sets) => FilterExpressions.Build(declaration, where, sets);

    public override LambdaExpression Beyond(List<SortKey> keys, object?[] cursor, bool forwards, StorageProvider provider) => KeysetPaging.Beyond<TRow>(keys, cursor, forwards, provider);
}
