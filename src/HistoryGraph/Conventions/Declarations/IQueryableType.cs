namespace HistoryGraph.Conventions.Declarations;

/// A queryable type's declaration without its row type, for what reads it whatever the row:
/// orders and cursors, and the SQL compiled for a whole request.
public interface IQueryableType
{
    string TypeName { get; }
    Type RowType { get; }
    IReadOnlyList<QueryableField> Fields { get; }
    IReadOnlyList<(QueryableField Field, SortDirection Direction)> Key { get; }
    IReadOnlyList<(QueryableField Field, SortDirection Direction)> DefaultOrder { get; }
    QueryableField this[string name] { get; }
}
