using System.Linq.Expressions;
using GraphQL;

namespace HistoryGraph.Conventions.Declarations;

/// The one declaration a queryable type is built from: its filter input, sort input,
/// connection and edge types, SQL predicates, keyset cursors, its columns' output fields and its
/// relations' all come from these fields, each described once. Key is unique and not null: it
/// ends every order, so that paging is deterministic. Enums filter (eq, in, ...) and sort only
/// when the field says so (an enum stored as its rank, whose order means something).
public sealed class QueryableType<TRow>(string typeName, string description, Type graphType, string? connection = null) : IQueryableType
{
    private readonly List<QueryableField> _fields = [];

    /// The name its filter and sort inputs start with (`<TypeName>FilterInput`).
    public string TypeName { get; } = typeName;
    /// What the rows are, in the inputs' descriptions ("Conditions on change events").
    public string Description { get; } = description;
    /// The object graph type of a row.
    public Type GraphType { get; } = graphType;
    /// The field its connection is named after (`events`: EventsConnection, EventsEdge).
    public string? ConnectionName { get; } = connection;
    public IReadOnlyList<QueryableField> Fields => _fields;
    public Type RowType => typeof(TRow);
    /// The unique key's fields, each with its direction.
    public IReadOnlyList<(QueryableField Field, SortDirection Direction)> Key { get; private set; } = [];

    /// The order when a query gives none; the key follows it.
    public IReadOnlyList<(QueryableField Field, SortDirection Direction)> DefaultOrder { get; private set; } = [];

    /// A column; an enum names its graph type, which its filter input is made for.
    public QueryableType<TRow> Field<TValue>(string name, Expression<Func<TRow, TValue>> expression, FieldKind kind, string description,
        bool filter = true, bool? sort = null, Type? enumType = null)
    {
        if ((kind == FieldKind.Enum) != (enumType is not null))
            throw new ArgumentException($"{TypeName}.{name}: an enum field, and only an enum field, names its enum graph type.", nameof(enumType));
        var sortable = kind != FieldKind.StringList && (sort ?? kind != FieldKind.Enum);
        _fields.Add(new QueryableField(name, description, expression, kind, filter, sortable, enumType));
        return this;
    }

    /// A related object: an output field that loads it (`load`, reading the row's `reads`), and
    /// a filter with the other's own filter input (Hot Chocolate's nested object filter):
    /// `where: { entity: { lifecycle: { eq: ACTIVE } } }` keeps the rows whose related row
    /// exists and matches, in SQL as EXISTS. `many`: a list of them; `required`: never null.
    public QueryableType<TRow> Relation<TOther>(string name, string description, QueryableType<TOther> other,
        Expression<Func<TRow, TOther, bool>> join, Func<IResolveFieldContext<TRow>, object?> load, Expression<Func<TRow, object?>> reads, bool many = false, bool required = false) =>
        Relation(name, description, () => other, join, load, reads, many, required);

    /// A relation to a declaration that names this one back (events and their field changes):
    /// the other is read when first needed, after both exist.
    public QueryableType<TRow> Relation<TOther>(string name, string description, Func<QueryableType<TOther>> other,
        Expression<Func<TRow, TOther, bool>> join, Func<IResolveFieldContext<TRow>, object?> load, Expression<Func<TRow, object?>> reads, bool many = false, bool required = false)
    {
        _fields.Add(new QueryableField(name, description, join, FieldKind.Relation, true, false)
        {
            RelatedSource = other,
            RelatedRowType = typeof(TOther),
            RelatedGraphType = () => other().GraphType,
            Output = new RelationOutput(context => load((IResolveFieldContext<TRow>)context), reads, many, required),
        });
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
