using System.Linq.Expressions;
using HistoryGraph.Ingestion.Storage;
using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.Conventions.Filtering;

public static class DbContextTables
{
    /// The table of any stored type, for the EXISTS subqueries of nested object filters.
    public static Func<Type, Expression> Tables(this HistoryDbContext db) => type =>
        ((IQueryable)typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!.MakeGenericMethod(type).Invoke(db, null)!).Expression;
}
