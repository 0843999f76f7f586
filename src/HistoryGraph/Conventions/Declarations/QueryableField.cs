using System.Linq.Expressions;

namespace HistoryGraph.Conventions.Declarations;

/// One field of a queryable type: its GraphQL name, the row expression behind it, and what
/// may be done with it. EnumType is an enum field's graph type.
public sealed record QueryableField(string Name, string Description, LambdaExpression Expression, FieldKind Kind, bool Filterable, bool Sortable, Type? EnumType = null)
{
    /// For a relation: the related type's declaration (a QueryableType<TOther>), read when
    /// first needed, so that two declarations may name each other.
    public Func<object>? RelatedSource { get; init; }

    public object? Related => RelatedSource?.Invoke();

    /// For a relation: the related rows' type and their object graph type.
    public Type? RelatedRowType { get; init; }
    public Func<Type>? RelatedGraphType { get; init; }

    /// For a relation: its output field.
    public RelationOutput? Output { get; init; }

    public Type ClrType => Expression.ReturnType;
    public bool IsNullable => !ClrType.IsValueType || Nullable.GetUnderlyingType(ClrType) is not null;
}
