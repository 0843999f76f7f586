using System.Linq.Expressions;

namespace HistoryGraph.Conventions;

/// The one declaration a queryable type is built from: its filter input, sort input, SQL
/// predicates and keyset cursors all come from these fields. Key is unique and not null: it
/// ends every order, so that paging is deterministic.
public sealed class QueryableType<TRow>(string typeName, string description)
{
    private readonly List<QueryableField> _fields = [];

    public string TypeName { get; } = typeName;
    public string Description { get; } = description;
    public IReadOnlyList<QueryableField> Fields => _fields;
    public QueryableField Key { get; private set; } = null!;
    public SortDirection KeyDirection { get; private set; }

    public QueryableType<TRow> Field<TValue>(string name, Expression<Func<TRow, TValue>> expression, FieldKind kind, string description, bool filter = true, bool sort = true)
    {
        _fields.Add(new QueryableField(name, description, expression, kind, filter, sort));
        return this;
    }

    /// The unique key (already declared as a field) and the direction of the default order.
    public QueryableType<TRow> OrderedBy(string name, SortDirection direction)
    {
        Key = _fields.Single(f => f.Name == name);
        KeyDirection = direction;
        return this;
    }

    public QueryableField this[string name] => _fields.Single(f => f.Name == name);
}
