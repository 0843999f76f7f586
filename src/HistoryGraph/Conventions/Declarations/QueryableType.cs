using System.Linq.Expressions;

namespace HistoryGraph.Conventions.Declarations;

/// The one declaration a queryable type is built from: its filter input, sort input, SQL
/// predicates and keyset cursors all come from these fields. Key is unique and not null: it
/// ends every order, so that paging is deterministic. Enums filter (eq, in, ...) and sort only
/// when the field says so (an enum stored as its rank, whose order means something).
public sealed class QueryableType<TRow>(string typeName, string description)
{
    private readonly List<QueryableField> _fields = [];

    public string TypeName { get; } = typeName;
    public string Description { get; } = description;
    public IReadOnlyList<QueryableField> Fields => _fields;
    /// The unique key's fields, each with its direction.
    public IReadOnlyList<(QueryableField Field, SortDirection Direction)> Key { get; private set; } = [];

    /// The order when a query gives none; the key follows it.
    public IReadOnlyList<(QueryableField Field, SortDirection Direction)> DefaultOrder { get; private set; } = [];

    public QueryableType<TRow> Field<TValue>(string name, Expression<Func<TRow, TValue>> expression, FieldKind kind, string description,
        bool filter = true, bool? sort = null, Type? operationInput = null)
    {
        var sortable = kind != FieldKind.StringList && (sort ?? kind != FieldKind.Enum);
        _fields.Add(new QueryableField(name, description, expression, kind, filter, sortable, operationInput));
        return this;
    }

    /// A related object filtered with its own filter input (Hot Chocolate's nested object
    /// filter): `where: { entity: { lifecycle: { eq: ACTIVE } } }` keeps the rows whose related
    /// row exists and matches, in SQL as EXISTS.
    public QueryableType<TRow> Relation<TOther>(string name, string description, QueryableType<TOther> other,
        Expression<Func<TRow, TOther, bool>> join, Type filterInput) => Relation(name, description, () => other, join, filterInput);

    /// A relation to a declaration that names this one back (events and their field changes):
    /// the other is read when a filter first needs it, after both exist.
    public QueryableType<TRow> Relation<TOther>(string name, string description, Func<QueryableType<TOther>> other,
        Expression<Func<TRow, TOther, bool>> join, Type filterInput)
    {
        _fields.Add(new QueryableField(name, description, join, FieldKind.Relation, true, false, filterInput) { RelatedSource = other });
        return this;
    }

    /// The unique key, from fields already declared.
    public QueryableType<TRow> KeyedBy(params (string Name, SortDirection Direction)[] fields)
    {
        Key = fields.Select(f => (this[f.Name], f.Direction)).ToList();
        return this;
    }

    public QueryableType<TRow> SortedByDefault(params (string Name, SortDirection Direction)[] fields)
    {
        DefaultOrder = fields.Select(f => (this[f.Name], f.Direction)).ToList();
        return this;
    }

    public QueryableField this[string name] => _fields.Single(f => f.Name == name);
}
