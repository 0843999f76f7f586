using System.Collections;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace HistoryGraph.CompiledReads;

/// Writes PostgreSQL for the LINQ expressions the declarations make: columns and computed
/// fields, the filters of FilterExpressions, the cursor conditions of KeysetPaging and the
/// conditions of a connection's rows. These are the same expressions EF Core translates on the
/// resolvers' path and the live filters run in memory, so the three agree on what a filter
/// means; anything else is refused (NotCompilableException) and the request takes that path.
/// Conditions keep C#'s two-valued logic, as EF Core's translation does: `neq` is true for a
/// null column, and a negation never turns an unknown into a match.
public sealed class SqlTranslator(StatementText statement)
{
    private readonly Dictionary<ParameterExpression, Scope> _scopes = [];

    private sealed record Scope(TableAlias? Table, string? Sql);

    /// A translated expression: its text, and the column it reads as it is (whose value
    /// converter turns the values it is compared with into stored values).
    public sealed record Sql(string Text, IProperty? Column, Type ClrType, string? Collation = null);

    /// A value that is not yet a parameter: converted first for the column it meets.
    private sealed record Value(object? Content, Type ClrType, bool Written = false);

    public void Bind(ParameterExpression row, TableAlias table) => _scopes[row] = new Scope(table, null);

    /// The SQL of a lambda's body with its (first) parameter read from `table`.
    public Sql Translate(LambdaExpression lambda, TableAlias table)
    {
        Bind(lambda.Parameters[0], table);
        return Translate(lambda.Body);
    }

    /// A predicate with two rows (a relation's join): the first from `row`, the second from `other`.
    public Sql Translate(LambdaExpression lambda, TableAlias row, TableAlias other)
    {
        Bind(lambda.Parameters[0], row);
        Bind(lambda.Parameters[1], other);
        return Translate(lambda.Body);
    }

    public Sql Translate(Expression expression) => Term(expression) switch
    {
        Sql sql => sql,
        Value value => new Sql(Literal(value, null), null, value.ClrType),
        _ => throw new NotCompilableException($"Cannot translate {expression}."),
    };

    private object Term(Expression expression)
    {
        if (IsValue(expression))
            return new Value(Evaluate(expression), expression.Type, Written: WrittenConstant(expression));
        switch (expression)
        {
            case ParameterExpression parameter when _scopes.TryGetValue(parameter, out var scope) && scope.Sql is { } raw:
                return new Sql(raw, null, parameter.Type);
            case MemberExpression { Expression: ParameterExpression row } member when _scopes.TryGetValue(row, out var scope) && scope.Table is { } table:
                var property = table.Property(member.Member.Name);
                return new Sql(table.Column(property), property, member.Type, table.Collation(property));
            case UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } convert:
                return Conversion(convert);
            case UnaryExpression { NodeType: ExpressionType.Not } not:
                return new Sql($"NOT coalesce({Translate(not.Operand).Text}, false)", null, typeof(bool));
            case BinaryExpression { NodeType: ExpressionType.AndAlso or ExpressionType.OrElse } logical:
                return new Sql($"({Translate(logical.Left).Text} {(logical.NodeType == ExpressionType.AndAlso ? "AND" : "OR")} {Translate(logical.Right).Text})", null, typeof(bool));
            case BinaryExpression binary when Comparisons.ContainsKey(binary.NodeType):
                return Comparison(binary);
            case MethodCallExpression call:
                return Call(call);
            default:
                throw new NotCompilableException($"Cannot translate {expression.NodeType} ({expression}).");
        }
    }

    private static readonly Dictionary<ExpressionType, string> Comparisons = new()
    {
        [ExpressionType.Equal] = "=",
        [ExpressionType.NotEqual] = "<>",
        [ExpressionType.GreaterThan] = ">",
        [ExpressionType.GreaterThanOrEqual] = ">=",
        [ExpressionType.LessThan] = "<",
        [ExpressionType.LessThanOrEqual] = "<=",
    };

    /// Conversions the declarations write: an enum to its number (compared as the stored rank),
    /// a value to its nullable type or to object.
    private object Conversion(UnaryExpression convert)
    {
        var operand = Term(convert.Operand);
        if (operand is not Sql sql)
            throw new NotCompilableException($"Cannot translate {convert}.");
        var from = Nullable.GetUnderlyingType(convert.Operand.Type) ?? convert.Operand.Type;
        var to = Nullable.GetUnderlyingType(convert.Type) ?? convert.Type;
        if (from == to || to == typeof(object))
            return sql with { ClrType = convert.Type };
        if (from.IsEnum && to == typeof(int) && sql.Column?.GetTypeMapping().Converter?.ProviderClrType is { } stored && IsInteger(stored))
            return sql with { ClrType = convert.Type };
        throw new NotCompilableException($"Cannot translate the conversion {convert}.");
    }

    private static bool IsInteger(Type type) => type == typeof(int) || type == typeof(short) || type == typeof(long) || type == typeof(byte);

    private Sql Comparison(BinaryExpression binary)
    {
        // string.Compare(a, b) > 0 and a.CompareTo(b) > 0 compare a and b.
        if (binary.Left is MethodCallExpression { Method.Name: "Compare" or "CompareTo" } compare && binary.Right is ConstantExpression { Value: 0 })
        {
            var (a, b) = compare.Object is null ? (compare.Arguments[0], compare.Arguments[1]) : (compare.Object, compare.Arguments[0]);
            return Compare(binary.NodeType, Term(a), Term(b));
        }
        return Compare(binary.NodeType, Term(binary.Left), Term(binary.Right));
    }

    private Sql Compare(ExpressionType type, object left, object right)
    {
        if (left is Value && right is Sql)
            (left, right, type) = (right, left, Mirrored(type));
        if (left is not Sql column)
            throw new NotCompilableException("A comparison of two values.");
        if (right is Value { Content: null })
        {
            return type switch
            {
                ExpressionType.Equal => new Sql($"({column.Text} IS NULL)", null, typeof(bool)),
                ExpressionType.NotEqual => new Sql($"({column.Text} IS NOT NULL)", null, typeof(bool)),
                _ => new Sql("FALSE", null, typeof(bool)),
            };
        }
        // `condition = true` is the condition itself, so that an index on it matches.
        if (right is Value { Content: bool wanted } && column.Column is null && column.ClrType == typeof(bool) && type is ExpressionType.Equal or ExpressionType.NotEqual)
            return wanted == (type == ExpressionType.Equal) ? column : new Sql($"NOT coalesce({column.Text}, false)", null, typeof(bool));
        var other = right is Sql sql ? sql.Text : Literal((Value)right, column.Column);
        var text = $"({column.Text} {Comparisons[type]} {other})";
        // C#: a null column differs from every value; SQL says unknown.
        if (type == ExpressionType.NotEqual && CanBeNull(column))
            text = $"({text} OR {column.Text} IS NULL)";
        return new Sql(text, null, typeof(bool));
    }

    private static bool CanBeNull(Sql sql) => sql.Column?.IsNullable ?? (!sql.ClrType.IsValueType || System.Nullable.GetUnderlyingType(sql.ClrType) is not null);

    private static ExpressionType Mirrored(ExpressionType type) => type switch
    {
        ExpressionType.GreaterThan => ExpressionType.LessThan,
        ExpressionType.GreaterThanOrEqual => ExpressionType.LessThanOrEqual,
        ExpressionType.LessThan => ExpressionType.GreaterThan,
        ExpressionType.LessThanOrEqual => ExpressionType.GreaterThanOrEqual,
        _ => type,
    };

    private object Call(MethodCallExpression call)
    {
        var method = call.Method;
        if (method.DeclaringType == typeof(string) && call.Object is not null && call.Arguments.Count == 1
            && method.Name is nameof(string.StartsWith) or nameof(string.Contains) or nameof(string.EndsWith))
            return Text(method.Name, Translate(call.Object), Term(call.Arguments[0]));
        if (method.DeclaringType == typeof(Enumerable) || method.DeclaringType == typeof(Queryable))
            return Sequence(call);
        if (method.DeclaringType == typeof(NpgsqlDbFunctionsExtensions) && method.Name is nameof(NpgsqlDbFunctionsExtensions.GreaterThan) or nameof(NpgsqlDbFunctionsExtensions.LessThan))
            return RowComparison(method.Name == nameof(NpgsqlDbFunctionsExtensions.GreaterThan) ? ">" : "<", call.Arguments[1], call.Arguments[2]);
        throw new NotCompilableException($"Cannot translate the call {method.DeclaringType?.Name}.{method.Name}.");
    }

    /// startsWith on a column compared as bytes (collation "C", as fully qualified names are)
    /// is a range, `fqn >= 'a.b.' AND fqn < 'a.b/'`: an index bound whatever the value, so the
    /// statement's plan can be kept for every prefix. Elsewhere LIKE with the wildcards escaped.
    private Sql Text(string method, Sql column, object argument)
    {
        if (argument is not Value { Content: string text })
            throw new NotCompilableException("A text condition on something other than a value.");
        statement.PlannedPerValue = true;
        if (method == nameof(string.StartsWith) && column.Collation == "C")
        {
            if (text.Length == 0)
                return new Sql($"({column.Text} IS NOT NULL)", null, typeof(bool));
            var upper = PrefixEnd(text);
            var lower = $"{column.Text} >= {statement.Parameter(text)}";
            return new Sql(upper is null ? $"({lower})" : $"({lower} AND {column.Text} < {statement.Parameter(upper)})", null, typeof(bool));
        }
        var escaped = text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
        var pattern = method switch
        {
            nameof(string.StartsWith) => escaped + "%",
            nameof(string.EndsWith) => "%" + escaped,
            _ => "%" + escaped + "%",
        };
        return new Sql($"({column.Text} LIKE {statement.Parameter(pattern)})", null, typeof(bool));
    }

    /// The least text greater than every text that starts with `prefix`, in code point (and so
    /// UTF-8 byte) order: the last character that can grow, grown by one. Null when none can.
    public static string? PrefixEnd(string prefix)
    {
        var runes = prefix.EnumerateRunes().ToList();
        while (runes.Count > 0)
        {
            var last = runes[^1].Value;
            runes.RemoveAt(runes.Count - 1);
            if (last >= 0x10FFFF)
                continue;
            var next = last + 1 == 0xD800 ? 0xE000 : last + 1;
            var text = new StringBuilder();
            foreach (var rune in runes)
                text.Append(rune.ToString());
            return text.Append(new Rune(next).ToString()).ToString();
        }
        return null;
    }

    private object Sequence(MethodCallExpression call)
    {
        var name = call.Method.Name;
        var source = call.Arguments[0];
        // list.Contains(column): `in`.
        if (name == nameof(Enumerable.Contains) && call.Arguments.Count == 2 && IsValue(source))
        {
            var column = Translate(call.Arguments[1]);
            var items = ((IEnumerable?)Evaluate(source))?.Cast<object?>().ToList() ?? [];
            var hasNull = items.Any(i => i is null);
            var values = items.Where(i => i is not null).Select(i => Stored(i, column.Column)).ToList();
            var elementType = values.FirstOrDefault()?.GetType() ?? StoredType(column);
            var array = Array.CreateInstance(elementType, values.Count);
            for (var i = 0; i < values.Count; i++)
                array.SetValue(values[i], i);
            var any = $"{column.Text} = ANY({statement.Parameter(array)})";
            return new Sql(hasNull ? $"({any} OR {column.Text} IS NULL)" : $"({any})", null, typeof(bool));
        }
        // A related table: EXISTS.
        if (name == nameof(Queryable.Any) && call.Arguments.Count == 2 && source is ConstantExpression { Value: IQueryable related })
        {
            var lambda = (LambdaExpression)StripQuotes(call.Arguments[1]);
            var table = TableAlias.Of(statement, related.ElementType, statement.NextAlias("r"));
            Bind(lambda.Parameters[0], table);
            return new Sql($"EXISTS (SELECT 1 FROM {table.Table} AS {table.Alias} WHERE {Translate(lambda.Body).Text})", null, typeof(bool));
        }
        // A list column: any, some, all, none.
        if (call.Method.DeclaringType == typeof(Enumerable) && name is nameof(Enumerable.Any) or nameof(Enumerable.All))
        {
            var list = Translate(source);
            if (call.Arguments.Count == 1)
                return new Sql($"(cardinality({list.Text}) > 0)", null, typeof(bool));
            var lambda = (LambdaExpression)call.Arguments[1];
            var item = statement.NextAlias("u");
            _scopes[lambda.Parameters[0]] = new Scope(null, $"{item}.item");
            var condition = Translate(lambda.Body).Text;
            return new Sql(name == nameof(Enumerable.Any)
                ? $"EXISTS (SELECT 1 FROM unnest({list.Text}) AS {item}(item) WHERE {condition})"
                : $"NOT EXISTS (SELECT 1 FROM unnest({list.Text}) AS {item}(item) WHERE NOT coalesce({condition}, false))", null, typeof(bool));
        }
        throw new NotCompilableException($"Cannot translate {call.Method.DeclaringType?.Name}.{name}.");
    }

    /// `(a, b) < ($1, $2)`: the tuples are `(ITuple)new ValueTuple<...>(...)`.
    private Sql RowComparison(string comparison, Expression left, Expression right)
    {
        var columns = TupleItems(left).Select(Translate).ToList();
        var values = TupleItems(right).Select(Term).ToList();
        if (columns.Count != values.Count)
            throw new NotCompilableException("Row comparison of different lengths.");
        var others = values.Select((v, i) => v is Sql sql ? sql.Text : Literal((Value)v, columns[i].Column));
        return new Sql($"(({string.Join(", ", columns.Select(c => c.Text))}) {comparison} ({string.Join(", ", others)}))", null, typeof(bool));
    }

    private static IReadOnlyList<Expression> TupleItems(Expression tuple) => tuple switch
    {
        UnaryExpression { NodeType: ExpressionType.Convert } convert => TupleItems(convert.Operand),
        NewExpression created when typeof(ITuple).IsAssignableFrom(created.Type) => created.Arguments,
        _ => throw new NotCompilableException($"Cannot translate the tuple {tuple}."),
    };

    /// A value as a parameter in its stored form. Booleans, and numbers the declarations write
    /// themselves (`SemanticChange.Major`), are written into the text: a few plans at most, and
    /// a partial index whose condition names them matches.
    private string Literal(Value value, IProperty? column)
    {
        var stored = Stored(value.Content, column);
        return stored switch
        {
            bool b => b ? "TRUE" : "FALSE",
            short or int or long when value.Written => System.Convert.ToString(stored, System.Globalization.CultureInfo.InvariantCulture)!,
            _ => statement.Parameter(stored),
        };
    }

    private static bool WrittenConstant(Expression expression) => expression switch
    {
        ConstantExpression => true,
        UnaryExpression convert => WrittenConstant(convert.Operand),
        _ => false,
    };

    /// A model value as the column stores it (an enum as its rank or name, by the column's converter).
    private static object? Stored(object? value, IProperty? column)
    {
        if (value is null)
            return null;
        if (column?.GetTypeMapping().Converter is { } converter)
        {
            var model = System.Nullable.GetUnderlyingType(converter.ModelClrType) ?? converter.ModelClrType;
            if (value.GetType() != model)
                value = model.IsEnum ? Enum.ToObject(model, value) : System.Convert.ChangeType(value, model, System.Globalization.CultureInfo.InvariantCulture);
            return converter.ConvertToProvider(value);
        }
        return value switch
        {
            DateTime { Kind: not DateTimeKind.Utc } moment => DateTime.SpecifyKind(moment.ToUniversalTime(), DateTimeKind.Utc),
            Enum e => System.Convert.ToInt32(e, System.Globalization.CultureInfo.InvariantCulture),
            _ => value,
        };
    }

    private static Type StoredType(Sql column)
    {
        var type = column.Column?.GetTypeMapping().Converter?.ProviderClrType ?? column.ClrType;
        return System.Nullable.GetUnderlyingType(type) ?? type;
    }

    /// An expression that reads no row: a constant or a captured value.
    private bool IsValue(Expression expression) => expression switch
    {
        ConstantExpression constant => constant.Value is not IQueryable,
        MemberExpression member => member.Expression is null || IsValue(member.Expression),
        UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } convert => IsValue(convert.Operand),
        ParameterExpression => false,
        _ => false,
    };

    private static object? Evaluate(Expression expression) => expression switch
    {
        ConstantExpression constant => constant.Value,
        MemberExpression { Member: PropertyInfo property } member => property.GetValue(member.Expression is null ? null : Evaluate(member.Expression)),
        MemberExpression { Member: FieldInfo field } member => field.GetValue(member.Expression is null ? null : Evaluate(member.Expression)),
        UnaryExpression convert => Converted(Evaluate(convert.Operand), convert.Type),
        _ => throw new NotCompilableException($"Cannot evaluate {expression}."),
    };

    private static object? Converted(object? value, Type type)
    {
        if (value is null)
            return null;
        var target = System.Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(object) || target.IsInstanceOfType(value))
            return value;
        if (target.IsEnum)
            return Enum.ToObject(target, value);
        return System.Convert.ChangeType(value, target, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Expression StripQuotes(Expression expression) =>
        expression is UnaryExpression { NodeType: ExpressionType.Quote } quote ? quote.Operand : expression;
}
