using System.Collections;
using System.Linq.Expressions;
using System.Reflection;
using GraphQL;
using HistoryGraph.Conventions.Declarations;
using HistoryGraph.Conventions.Expressions;

namespace HistoryGraph.Conventions.Filtering;

/// Turns a `where:` argument into a LINQ predicate. Queries hand it to EF Core, which
/// translates it to SQL; live subscriptions compile the same predicate and run it in memory
/// on each new event, so that both agree on what a filter means.
public static class FilterExpressions
{
    /// sets gives the rows of a related type, for nested object filters: a table (an
    /// IQueryable, giving EXISTS subqueries in SQL) or, in memory, an IEnumerable.
    public static Expression<Func<TRow, bool>>? Build<TRow>(QueryableType<TRow> declaration, IDictionary<string, object?>? where, Func<Type, Expression>? sets = null)
    {
        if (where is null)
            return null;
        var row = Expression.Parameter(typeof(TRow), "row");
        var body = Object(declaration, where, row, sets);
        return body is null ? null : Expression.Lambda<Func<TRow, bool>>(body, row);
    }

    private static Expression? Object<TRow>(QueryableType<TRow> declaration, IDictionary<string, object?> where, ParameterExpression row, Func<Type, Expression>? sets)
    {
        var parts = new List<Expression>();
        foreach (var (name, value) in where)
        {
            if (value is null)
                continue;
            switch (name)
            {
                case "and":
                    parts.AddRange(Items(value).Select(i => Object(declaration, i, row, sets)).OfType<Expression>());
                    break;
                case "or":
                    var alternatives = Items(value).Select(i => Object(declaration, i, row, sets) ?? Expression.Constant(true)).ToList();
                    if (alternatives.Count > 0)
                        parts.Add(Balanced(alternatives, Expression.OrElse));
                    break;
                case var _ when declaration[name].Kind == FieldKind.Relation:
                    parts.Add(Related(declaration[name], row, (IDictionary<string, object?>)value, sets));
                    break;
                default:
                    var field = declaration[name];
                    var operand = new ReplaceParameter(field.Expression.Parameters[0], row).Visit(field.Expression.Body);
                    parts.Add(Operations(field, operand, (IDictionary<string, object?>)value) ?? Expression.Constant(true));
                    break;
            }
        }
        return parts.Count == 0 ? null : Balanced(parts, Expression.AndAlso);
    }

    /// EXISTS (SELECT 1 FROM other WHERE join AND other's conditions); Enumerable.Any in memory.
    private static Expression Related(QueryableField relation, ParameterExpression row, IDictionary<string, object?> where, Func<Type, Expression>? sets)
    {
        var join = (LambdaExpression)relation.Expression;
        var otherType = join.Parameters[1].Type;
        var table = sets?.Invoke(otherType) ?? throw new InvalidOperationException($"No table for {otherType.Name} to filter '{relation.Name}' with.");
        var build = typeof(FilterExpressions).GetMethod(nameof(Build))!.MakeGenericMethod(otherType);
        var other = join.Parameters[1];
        var joined = new ReplaceParameter(join.Parameters[0], row).Visit(join.Body);
        Expression condition = joined;
        if (build.Invoke(null, [relation.Related, where, sets]) is LambdaExpression conditions)
            condition = Expression.AndAlso(joined, new ReplaceParameter(conditions.Parameters[0], other).Visit(conditions.Body));
        var lambda = Expression.Lambda(condition, other);
        return typeof(IQueryable).IsAssignableFrom(table.Type)
            ? StaticMethodCalls.Call(typeof(Queryable), nameof(Queryable.Any), [otherType], table, Expression.Quote(lambda))
            : StaticMethodCalls.Call(typeof(Enumerable), nameof(Enumerable.Any), [otherType], table, lambda);
    }

    private static readonly QueryableField ListItem = new("item", "", (Expression<Func<string, string>>)(item => item), FieldKind.String, true, false);

    private static Expression? Operations(QueryableField field, Expression operand, IDictionary<string, object?> operations)
    {
        if (field.Kind == FieldKind.StringList)
            return ListOperations(operand, operations);
        var parts = new List<Expression>();
        foreach (var (operation, value) in operations)
        {
            switch (operation)
            {
                case "and":
                    parts.AddRange(Items(value).Select(i => Operations(field, operand, i)).OfType<Expression>());
                    continue;
                case "or":
                    var alternatives = Items(value).Select(i => Operations(field, operand, i) ?? Expression.Constant(true)).ToList();
                    if (alternatives.Count > 0)
                        parts.Add(Balanced(alternatives, Expression.OrElse));
                    continue;
            }
            // A null value means "not given" except for eq/neq, which then test for null.
            if (value is null && operation is not ("eq" or "neq"))
                continue;
            if (value is null && !field.IsNullable)
            {
                // A column that cannot be null: `eq: null` matches no row, `neq: null` every row.
                parts.Add(Expression.Constant(operation == "neq"));
                continue;
            }
            parts.Add(operation switch
            {
                // A boolean has two values: written into the SQL, it costs at most two plans and
                // lets the planner match an index on the condition (`breaking`: semantic_change = 3).
                "eq" when field.Kind == FieldKind.Boolean => Expression.Equal(operand, Expression.Constant(Convert(field, value), field.ClrType)),
                "neq" when field.Kind == FieldKind.Boolean => Expression.NotEqual(operand, Expression.Constant(Convert(field, value), field.ClrType)),
                "eq" => Expression.Equal(operand, Constant(field, value)),
                "neq" => Expression.NotEqual(operand, Constant(field, value)),
                "in" => In(field, operand, value!),
                "nin" => Expression.Not(In(field, operand, value!)),
                "gt" => Compare(field, operand, value!, ExpressionType.GreaterThan),
                "ngt" => Expression.Not(Compare(field, operand, value!, ExpressionType.GreaterThan)),
                "gte" => Compare(field, operand, value!, ExpressionType.GreaterThanOrEqual),
                "ngte" => Expression.Not(Compare(field, operand, value!, ExpressionType.GreaterThanOrEqual)),
                "lt" => Compare(field, operand, value!, ExpressionType.LessThan),
                "nlt" => Expression.Not(Compare(field, operand, value!, ExpressionType.LessThan)),
                "lte" => Compare(field, operand, value!, ExpressionType.LessThanOrEqual),
                "nlte" => Expression.Not(Compare(field, operand, value!, ExpressionType.LessThanOrEqual)),
                "contains" => Text(operand, nameof(string.Contains), value!),
                "ncontains" => Expression.Not(Text(operand, nameof(string.Contains), value!)),
                "startsWith" => Text(operand, nameof(string.StartsWith), value!),
                "nstartsWith" => Expression.Not(Text(operand, nameof(string.StartsWith), value!)),
                "endsWith" => Text(operand, nameof(string.EndsWith), value!),
                "nendsWith" => Expression.Not(Text(operand, nameof(string.EndsWith), value!)),
                _ => throw new ExecutionError($"Unknown filter operation '{operation}'.") { Code = "INVALID_FILTER" },
            });
        }
        return parts.Count == 0 ? null : Balanced(parts, Expression.AndAlso);
    }

    /// some/all/none: a condition on the list's items (string operations); any: the list is (not) empty.
    private static Expression? ListOperations(Expression list, IDictionary<string, object?> operations)
    {
        var parts = new List<Expression>();
        foreach (var (operation, value) in operations)
        {
            if (value is null)
                continue;
            if (operation == "any")
            {
                var hasItems = StaticMethodCalls.Call(typeof(Enumerable), nameof(Enumerable.Any), [typeof(string)], list);
                parts.Add((bool)value ? hasItems : Expression.Not(hasItems));
                continue;
            }
            var item = Expression.Parameter(typeof(string), "item");
            var condition = Expression.Lambda<Func<string, bool>>(Operations(ListItem, item, (IDictionary<string, object?>)value) ?? Expression.Constant(true), item);
            parts.Add(operation switch
            {
                "some" => StaticMethodCalls.Call(typeof(Enumerable), nameof(Enumerable.Any), [typeof(string)], list, condition),
                "all" => StaticMethodCalls.Call(typeof(Enumerable), nameof(Enumerable.All), [typeof(string)], list, condition),
                "none" => Expression.Not(StaticMethodCalls.Call(typeof(Enumerable), nameof(Enumerable.Any), [typeof(string)], list, condition)),
                _ => throw new ExecutionError($"Unknown list filter operation '{operation}'.") { Code = "INVALID_FILTER" },
            });
        }
        return parts.Count == 0 ? null : Balanced(parts, Expression.AndAlso);
    }

    /// a > b for every kind: strings through string.Compare, which EF Core translates to SQL.
    public static Expression Compare(QueryableField field, Expression operand, object? value, ExpressionType comparison)
    {
        var constant = Constant(field, value);
        if (field.Kind == FieldKind.String)
        {
            var compare = Expression.Call(StringCompare, operand, constant);
            return Expression.MakeBinary(comparison, compare, Expression.Constant(0));
        }
        if (field.Kind == FieldKind.Uuid)
        {
            // C# has no < on Guid; EF Core translates CompareTo into the database's own comparison.
            var left = Nullable.GetUnderlyingType(operand.Type) is null ? operand : Expression.Property(operand, "Value");
            var right = Nullable.GetUnderlyingType(constant.Type) is null ? constant : Expression.Property(constant, "Value");
            var compare = Expression.Call(left, GuidCompareTo, right);
            return Expression.MakeBinary(comparison, compare, Expression.Constant(0));
        }
        if (field.Kind == FieldKind.Enum)
        {
            // C# has no < on enums; EF Core translates their numbers' comparison to the stored ranks'.
            var number = Nullable.GetUnderlyingType(operand.Type) is null ? typeof(int) : typeof(int?);
            return Expression.MakeBinary(comparison, Expression.Convert(operand, number), Expression.Convert(constant, number));
        }
        return Expression.MakeBinary(comparison, operand, constant);
    }

    private static readonly MethodInfo StringCompare = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;
    private static readonly MethodInfo GuidCompareTo = typeof(Guid).GetMethod(nameof(Guid.CompareTo), [typeof(Guid)])!;

    private static Expression In(QueryableField field, Expression operand, object value)
    {
        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(field.ClrType))!;
        foreach (var item in (IEnumerable)value)
        {
            // A column that cannot be null equals no null: `in: [null]` matches nothing there.
            if (item is null && !field.IsNullable)
                continue;
            list.Add(Convert(field, item));
        }
        var holder = Activator.CreateInstance(typeof(ValueHolder<>).MakeGenericType(list.GetType()), list)!;
        return StaticMethodCalls.Call(typeof(Enumerable), nameof(Enumerable.Contains), [field.ClrType], Expression.Property(Expression.Constant(holder), "Value"), operand);
    }

    // The text is a parameter too (EF Core escapes it and adds the wildcard): a prefix as a SQL
    // literal would make every distinct prefix a new statement, compiled and planned anew.
    private static Expression Text(Expression operand, string method, object value) =>
        Expression.AndAlso(
            Expression.NotEqual(operand, Expression.Constant(null, typeof(string))),
            Expression.Call(operand, typeof(string).GetMethod(method, [typeof(string)])!,
                Expression.Property(Expression.Constant(new ValueHolder<string>((string)value)), nameof(ValueHolder<string>.Value))));

    // A constant captured as a closure member, so that EF Core sends it as a parameter.
    public static Expression Constant(QueryableField field, object? value)
    {
        var holder = Activator.CreateInstance(typeof(ValueHolder<>).MakeGenericType(field.ClrType), Convert(field, value))!;
        return Expression.Property(Expression.Constant(holder), "Value");
    }

    /// A GraphQL input value as the field's CLR type; every stored moment is UTC.
    public static object? Convert(QueryableField field, object? value)
    {
        if (value is null)
            return null;
        var target = Nullable.GetUnderlyingType(field.ClrType) ?? field.ClrType;
        return value switch
        {
            DateTimeOffset moment => moment.UtcDateTime,
            DateTime moment => moment.Kind == DateTimeKind.Utc ? moment : DateTime.SpecifyKind(moment.ToUniversalTime(), DateTimeKind.Utc),
            _ when target.IsInstanceOfType(value) => value,
            _ => System.Convert.ChangeType(value, target, System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    /// a && b && c && d as (a && b) && (c && d): the tree's depth grows with the logarithm of the
    /// number of conditions, not linearly, so translating it never recurses deeply.
    private static Expression Balanced(IReadOnlyList<Expression> parts, Func<Expression, Expression, Expression> combine)
    {
        return Range(0, parts.Count);

        Expression Range(int start, int count) => count == 1
            ? parts[start]
            : combine(Range(start, count / 2), Range(start + count / 2, count - count / 2));
    }

    private static IEnumerable<IDictionary<string, object?>> Items(object? value) =>
        value is IEnumerable items ? items.OfType<IDictionary<string, object?>>() : [];

    private sealed class ValueHolder<T>(T value)
    {
        public T Value { get; } = value;
    }

    private sealed class ReplaceParameter(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
