using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Text.Json;
using GraphQL;
using HistoryGraph.Conventions.Declarations;
using HistoryGraph.Conventions.Expressions;
using HistoryGraph.Conventions.Filtering;
using HistoryGraph.Ingestion.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace HistoryGraph.Conventions.Paging;

/// Keyset (cursor) paging for any order: the order always ends with the type's unique key,
/// nulls sort last in both directions on every provider, and a cursor holds the sort values
/// of its row, so the next page is a WHERE on those values: page 10,000 costs what page 1 costs.
public static class KeysetPaging
{
    private static readonly ConcurrentDictionary<LambdaExpression, Delegate> Getters = new();

    public static async Task<Connection<TRow>> PageAsync<TRow>(
        IQueryable<TRow> filtered, QueryableType<TRow> declaration, IReadOnlyList<IDictionary<string, object?>>? order,
        PageRequest request, PagingOptions options, bool countTotal, Expression<Func<TRow, TRow>>? shape, StorageProvider provider, CancellationToken cancellationToken)
    {
        var keys = Order(declaration, order);
        var (size, backwards) = Size(request, options);
        var query = filtered;
        if (request.After is { } after)
            query = query.Where(Beyond<TRow>(keys, Decode(keys, after), forwards: true, provider));
        if (request.Before is { } before)
            query = query.Where(Beyond<TRow>(keys, Decode(keys, before), forwards: false, provider));

        var page = Sorted(query, keys, reversed: backwards, provider).Take(size + 1);
        var rows = await (shape is null ? page : page.Select(shape)).ToListAsync(cancellationToken);
        var more = rows.Count > size;
        if (more)
            rows.RemoveAt(rows.Count - 1);
        if (backwards)
            rows.Reverse();

        var encode = Encoder<TRow>(keys);
        var edges = rows.Select(row => new Edge<TRow>(row, encode)).ToList();
        var pageInfo = PageInfo.Of(edges,
            hasNextPage: backwards ? request.Before is not null : more,
            hasPreviousPage: backwards ? more : request.After is not null);
        var total = countTotal ? await filtered.CountAsync(cancellationToken) : (int?)null;
        return new Connection<TRow>(edges, pageInfo, total);
    }

    /// The first page of a nested connection for many parents at once, in one query: the wanted
    /// parents, each with its first children, as flat rows (EF Core turns the per-parent Take into
    /// ROW_NUMBER() OVER (PARTITION BY) over the children of the wanted parents only), grouped by
    /// parent here. Flat rows rather than a collection per parent: EF Core's collection shaper
    /// costs more than the query. With `lateralOn` (PostgreSQL, no filter), LATERAL instead.
    public static async Task<IReadOnlyDictionary<TKey, Connection<TRow>>> FirstPagesAsync<TParentRow, TRow, TKey>(
        IQueryable<TParentRow> parents, Expression<Func<TParentRow, TKey>> parentKey, IReadOnlyCollection<TKey> keys,
        IQueryable<TRow> children, Expression<Func<TRow, TKey>> childKey,
        QueryableType<TRow> declaration, IReadOnlyList<IDictionary<string, object?>>? order, int size,
        Expression<Func<TRow, TRow>>? shape, StorageProvider provider, HistoryDbContext? lateralOn, CancellationToken cancellationToken)
        where TRow : class where TKey : notnull
    {
        var sortKeys = Order(declaration, order);
        if (lateralOn is not null && LateralFirstRows(lateralOn, keys, childKey, sortKeys, size + 1) is { } lateral)
        {
            var page = Sorted(lateral, sortKeys, reversed: false, provider);
            var lateralRows = await (shape is null ? page : page.Select(shape)).ToListAsync(cancellationToken);
            return Pages(lateralRows.GroupBy(CompiledKeys<TRow, TKey>.Of(childKey)).ToDictionary(g => g.Key, g => g.ToList()), sortKeys, size);
        }
        var keyList = Expression.Property(Expression.Constant(new Parameter<List<TKey>>(keys.ToList())), nameof(Parameter<List<TKey>>.Value));
        var parent = parentKey.Parameters[0];
        var wanted = Expression.Lambda<Func<TParentRow, bool>>(
            StaticMethodCalls.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(TKey)], keyList, parentKey.Body), parent);

        // Only the wanted parents' children enter the window, not the whole table.
        children = children.Where(Expression.Lambda<Func<TRow, bool>>(
            StaticMethodCalls.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(TKey)], keyList, childKey.Body), childKey.Parameters));

        // parent => children.Where(child => childKey == parentKey).OrderBy(...).Take(size + 1)[.Select(shape)]
        var child = childKey.Parameters[0];
        var ofParent = Expression.Lambda<Func<TRow, bool>>(Expression.Equal(childKey.Body, parentKey.Body), child);
        Expression rows = StaticMethodCalls.Call(typeof(Queryable), nameof(Queryable.Where), [typeof(TRow)], children.Expression, Expression.Quote(ofParent));
        rows = SortedCalls(rows, sortKeys, typeof(TRow), reversed: false, provider);
        rows = StaticMethodCalls.Call(typeof(Queryable), nameof(Queryable.Take), [typeof(TRow)], rows, Expression.Constant(size + 1));
        if (shape is not null)
            rows = StaticMethodCalls.Call(typeof(Queryable), nameof(Queryable.Select), [typeof(TRow), typeof(TRow)], rows, Expression.Quote(shape));
        var firstRows = Expression.Lambda<Func<TParentRow, IEnumerable<TRow>>>(rows, parent);

        // Ordered again as a whole (a join keeps no order): GroupBy keeps it within each parent.
        var flat = await Sorted(parents.Where(wanted).SelectMany(firstRows), sortKeys, reversed: false, provider).ToListAsync(cancellationToken);
        var parentOf = CompiledKeys<TRow, TKey>.Of(childKey);
        return Pages(flat.GroupBy(parentOf).ToDictionary(g => g.Key, g => g.ToList()), sortKeys, size);
    }

    private static Dictionary<TKey, Connection<TRow>> Pages<TKey, TRow>(Dictionary<TKey, List<TRow>> loaded, List<SortKey> sortKeys, int size) where TKey : notnull
    {
        var encode = Encoder<TRow>(sortKeys);
        return loaded.ToDictionary(g => g.Key, g =>
        {
            var edges = g.Value.Take(size).Select(row => new Edge<TRow>(row, encode)).ToList();
            return new Connection<TRow>(edges, PageInfo.Of(edges, hasNextPage: g.Value.Count > size, hasPreviousPage: false), null);
        });
    }

    /// PostgreSQL only, for a nested connection without a filter: each parent's first rows by
    /// a LATERAL join, an index range scan per parent that stops after `take` rows, where the
    /// window reads every child of every parent. Written as SQL because EF Core decorrelates a
    /// per-parent Take into the window; the SQL comes from the EF Core model (table, columns)
    /// and the same sort keys, nulls last as everywhere. Null when a sort key is not a column.
    private static IQueryable<TRow>? LateralFirstRows<TRow, TKey>(HistoryDbContext db, IReadOnlyCollection<TKey> keys, Expression<Func<TRow, TKey>> childKey, List<SortKey> sortKeys, int take)
        where TRow : class
    {
        var entity = db.Model.FindEntityType(typeof(TRow));
        if (entity?.GetTableName() is not { } table)
            return null;
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        string? Column(LambdaExpression expression) =>
            expression.Body is MemberExpression { Expression: ParameterExpression } member ? entity.FindProperty(member.Member.Name)?.GetColumnName(store) : null;
        if (Column(childKey) is not { } keyColumn)
            return null;
        var orderBy = new List<string>();
        foreach (var key in sortKeys)
        {
            if (Column(key.Field.Expression) is not { } column)
                return null;
            orderBy.Add($"t.\"{column}\" {(key.Direction == SortDirection.Desc ? "DESC" : "ASC")}{(key.Field.IsNullable ? " NULLS LAST" : "")}");
        }
        var sql = $"SELECT c.* FROM unnest(@keys) AS k(key) CROSS JOIN LATERAL (SELECT * FROM \"{table}\" AS t WHERE t.\"{keyColumn}\" = k.key ORDER BY {string.Join(", ", orderBy)} LIMIT {take}) AS c";
        return db.Set<TRow>().FromSqlRaw(sql, new Npgsql.NpgsqlParameter("keys", keys.ToArray())).AsNoTracking();
    }


    /// The order a page is read in: the one asked for (or the declaration's default), then the
    /// unique key's fields it does not name yet.
    public static List<SortKey> Order(IQueryableType declaration, IReadOnlyList<IDictionary<string, object?>>? order)
    {
        var keys = order is { Count: > 0 } ? [] : declaration.DefaultOrder.Select(o => new SortKey(o.Field, o.Direction)).ToList();
        foreach (var element in order ?? [])
        {
            foreach (var (name, direction) in element)
            {
                if (direction is SortDirection d && keys.All(k => k.Field.Name != name))
                    keys.Add(new SortKey(declaration[name], d));
            }
        }
        foreach (var (field, direction) in declaration.Key)
        {
            if (keys.All(k => k.Field != field))
                keys.Add(new SortKey(field, direction));
        }
        return keys;
    }

    /// The page size asked for (checked against the limits) and whether it counts back from the end.
    public static (int Size, bool Backwards) Size(PageRequest request, PagingOptions options)
    {
        if (request.First is not null && request.Last is not null)
            throw new ExecutionError("Use first (with after) or last (with before), not both.") { Code = "PAGING_ARGUMENTS" };
        var size = request.First ?? request.Last ?? options.DefaultPageSize;
        if (size < 0)
            throw new ExecutionError("first and last must not be negative.") { Code = "PAGING_ARGUMENTS" };
        if (size > options.MaxPageSize)
            throw new ExecutionError($"The maximum allowed items per page were exceeded: {size} were asked for, at most {options.MaxPageSize} are allowed.") { Code = "HC0051" };
        return (size, request.Last is not null);
    }

    private static IQueryable<TRow> Sorted<TRow>(IQueryable<TRow> query, List<SortKey> keys, bool reversed, StorageProvider provider) =>
        query.Provider.CreateQuery<TRow>(SortedCalls(query.Expression, keys, typeof(TRow), reversed, provider));

    /// Queryable OrderBy/ThenBy calls for the keys, nulls last. A nullable key is preceded by an `is null`
    /// key, except where the store already puts nulls there: PostgreSQL sorts them last going up
    /// (and first going down, which a reversed page wants), and an extra key would keep it
    /// from walking an index in the key's order.
    private static Expression SortedCalls(Expression source, List<SortKey> keys, Type rowType, bool reversed, StorageProvider provider)
    {
        var row = Expression.Parameter(rowType, "row");
        var sorted = false;
        foreach (var key in keys)
        {
            var operand = Body(key.Field, row);
            if (key.Field.IsNullable && !(provider == StorageProvider.PostgreSql && key.Direction == SortDirection.Asc))
                source = OrderBy(source, Expression.Lambda(Expression.Equal(operand, Expression.Constant(null, operand.Type)), row), descending: reversed, ref sorted);
            source = OrderBy(source, Expression.Lambda(operand, row), descending: (key.Direction == SortDirection.Desc) != reversed, ref sorted);
        }
        return source;
    }

    private static Expression OrderBy(Expression source, LambdaExpression key, bool descending, ref bool sorted)
    {
        var method = (sorted, descending) switch
        {
            (false, false) => nameof(Queryable.OrderBy),
            (false, true) => nameof(Queryable.OrderByDescending),
            (true, false) => nameof(Queryable.ThenBy),
            (true, true) => nameof(Queryable.ThenByDescending),
        };
        sorted = true;
        var rowType = key.Parameters[0].Type;
        return StaticMethodCalls.Call(typeof(Queryable), method, [rowType, key.ReturnType], source, Expression.Quote(key));
    }

    /// Rows that come after (forwards) or before the cursor's row in the order, nulls last:
    /// beyond(i) = past(i) or (same(i) and beyond(i+1)).
    public static Expression<Func<TRow, bool>> Beyond<TRow>(List<SortKey> keys, object?[] cursor, bool forwards, StorageProvider provider)
    {
        var row = Expression.Parameter(typeof(TRow), "row");
        if (provider == StorageProvider.PostgreSql && RowComparison(keys, cursor, forwards, row) is { } rowComparison)
            return Expression.Lambda<Func<TRow, bool>>(rowComparison, row);
        Expression result = Expression.Constant(false);
        for (var i = keys.Count - 1; i >= 0; i--)
        {
            var (field, direction) = (keys[i].Field, keys[i].Direction);
            var operand = Body(field, row);
            var value = cursor[i];
            Expression? isNull = field.IsNullable ? Expression.Equal(operand, Expression.Constant(null, operand.Type)) : null;
            var comparison = (direction == SortDirection.Asc) == forwards ? ExpressionType.GreaterThan : ExpressionType.LessThan;
            Expression past, same;
            if (value is null)
            {
                // Nulls are last: nothing but nulls follows a null; everything not null precedes it.
                past = forwards ? Expression.Constant(false) : Expression.Not(isNull!);
                same = isNull ?? Expression.Constant(false);
            }
            else
            {
                past = FilterExpressions.Compare(field, operand, value, comparison);
                if (isNull is not null)
                    past = forwards ? Expression.OrElse(isNull, past) : Expression.AndAlso(Expression.Not(isNull), past);
                same = Expression.Equal(operand, FilterExpressions.Constant(field, value));
            }
            result = Expression.OrElse(past, Expression.AndAlso(same, result));
        }
        // The same condition again as a plain bound on the first sort key (`ts <= X AND (ts < X
        // OR (ts = X AND seq < Y))`): a planner cannot start an index scan at an OR, it can at
        // the bound, so that a deep page reads from the cursor on instead of filtering its way
        // there. Only where the bound is exact: a first key that is never null.
        if (keys.Count > 1 && !keys[0].Field.IsNullable && cursor[0] is { } first)
        {
            var comparison = (keys[0].Direction == SortDirection.Asc) == forwards ? ExpressionType.GreaterThanOrEqual : ExpressionType.LessThanOrEqual;
            result = Expression.AndAlso(FilterExpressions.Compare(keys[0].Field, Body(keys[0].Field, row), first, comparison), result);
        }
        return Expression.Lambda<Func<TRow, bool>>(result, row);
    }

    /// PostgreSQL's row comparison, `(ts, seq) < (X, Y)`, where every sort key has one direction
    /// and no nulls: the whole cursor is then one index bound, where the expanded form bounds the
    /// scan by its first key only and filters every row of that key's value again (a deep page
    /// of the same index range cost PostgreSQL twice the time). Null where it does not apply.
    private static Expression? RowComparison(List<SortKey> keys, object?[] cursor, bool forwards, ParameterExpression row)
    {
        if (keys.Count is < 2 or > 7 || keys.Any(k => k.Field.IsNullable || k.Direction != keys[0].Direction) || cursor.Any(v => v is null))
            return null;
        var columns = keys.Select(k => Body(k.Field, row)).ToArray();
        var values = keys.Select((k, i) => FilterExpressions.Constant(k.Field, cursor[i])).ToArray();
        var types = columns.Select(c => c.Type).ToArray();
        if (values.Select(v => v.Type).Where((type, i) => type != types[i]).Any())
            return null;
        var tuple = Type.GetType($"System.ValueTuple`{keys.Count}")!.MakeGenericType(types);
        Expression Tuple(Expression[] items) => Expression.Convert(Expression.New(tuple.GetConstructor(types)!, items), typeof(System.Runtime.CompilerServices.ITuple));
        var name = (keys[0].Direction == SortDirection.Asc) == forwards ? nameof(NpgsqlDbFunctionsExtensions.GreaterThan) : nameof(NpgsqlDbFunctionsExtensions.LessThan);
        var method = RowComparisons[name];
        return Expression.Call(method, Expression.Property(null, typeof(EF), nameof(EF.Functions)), Tuple(columns), Tuple(values));
    }

    private static readonly Dictionary<string, System.Reflection.MethodInfo> RowComparisons = new[] { nameof(NpgsqlDbFunctionsExtensions.GreaterThan), nameof(NpgsqlDbFunctionsExtensions.LessThan) }
        .ToDictionary(name => name, name => typeof(NpgsqlDbFunctionsExtensions).GetMethod(name, [typeof(DbFunctions), typeof(System.Runtime.CompilerServices.ITuple), typeof(System.Runtime.CompilerServices.ITuple)])!);

    private static Expression Body(QueryableField field, ParameterExpression row) =>
        new ParameterSwap(field.Expression.Parameters[0], row).Visit(field.Expression.Body);

    /// The cursor of a row: its sort values as a JSON array, in base64.
    private static Func<TRow, string> Encoder<TRow>(List<SortKey> keys)
    {
        var getters = keys.Select(k => (Func<TRow, object?>)Getters.GetOrAdd(k.Field.Expression, e =>
        {
            var row = Expression.Parameter(typeof(TRow), "row");
            return Expression.Lambda<Func<TRow, object?>>(Expression.Convert(Body(k.Field, row), typeof(object)), row).Compile();
        })).ToArray();
        return row =>
        {
            var values = new object?[getters.Length];
            for (var i = 0; i < getters.Length; i++)
                values[i] = getters[i](row);
            return Encode(values);
        };
    }

    /// The cursor of the sort values of a row, in the order's key order.
    public static string Encode(object?[] sortValues) => Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(sortValues));

    public static object?[] Decode(List<SortKey> keys, string cursor)
    {
        try
        {
            using var document = JsonDocument.Parse(Convert.FromBase64String(cursor));
            var items = document.RootElement.EnumerateArray().ToList();
            if (items.Count != keys.Count)
                throw new FormatException("The cursor was made for another order.");
            return keys.Select((k, i) => items[i].ValueKind == JsonValueKind.Null ? null : Read(k.Field, items[i])).ToArray();
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException)
        {
            throw new ExecutionError("The cursor is not valid for this field and order; cursors come from pageInfo or edges of the same query.") { Code = "INVALID_CURSOR" };
        }
    }

    private static object Read(QueryableField field, JsonElement value) => field.Kind switch
    {
        FieldKind.String => value.GetString()!,
        FieldKind.Long => value.GetInt64(),
        FieldKind.Decimal => value.GetDecimal(),
        FieldKind.DateTime => DateTime.SpecifyKind(value.GetDateTime().ToUniversalTime(), DateTimeKind.Utc),
        FieldKind.Uuid => value.GetGuid(),
        FieldKind.Boolean => value.GetBoolean(),
        // A sortable enum is written into the cursor as its number.
        FieldKind.Enum => Enum.ToObject(Nullable.GetUnderlyingType(field.ClrType) ?? field.ClrType, value.GetInt32()),
        _ => throw new FormatException(),
    };

    private sealed class Parameter<T>(T value)
    {
        public T Value { get; } = value;
    }

    private sealed class ParameterSwap(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
