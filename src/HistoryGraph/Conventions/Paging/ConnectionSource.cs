using System.Linq.Expressions;
using GraphQL;
using GraphQL.Types;
using HistoryGraph.Conventions.Declarations;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Conventions.Paging;

/// What a connection field reads, kept on the field so that a whole request can be compiled to
/// one SQL statement per root field: the declaration, the rows (a table, perhaps with a
/// condition) and, for a connection under each parent, the keys that match a child to its parent.
/// The filters, orders and cursors it gives are the same the resolvers use.
public abstract class ConnectionSource
{
    private const string MetadataKey = "HistoryGraph.ConnectionSource";

    public abstract IQueryableType Declaration { get; }

    /// The rows' query: `db.Table` or `db.Table.Where(...)`.
    public abstract IQueryable Rows(HistoryDbContext db);

    /// For a connection under each parent: the child's key and the parent's key it equals.
    public LambdaExpression? ChildKey { get; init; }
    public LambdaExpression? ParentKey { get; init; }

    /// The `where:` argument as a predicate on a row; `sets` gives the rows of related types.
    public abstract LambdaExpression? Filter(IDictionary<string, object?>? where, Func<Type, Expression> sets);

    /// Rows after (forwards) or before a cursor's row in the order.
    public abstract LambdaExpression Beyond(List<SortKey> keys, object?[] cursor, bool forwards, StorageProvider provider);

    public static ConnectionSource? Of(FieldType field) => field.GetMetadata<ConnectionSource?>(MetadataKey);

    public void AttachTo(FieldType field) => field.WithMetadata(MetadataKey, this);
}
