using System.Collections;
using System.Linq.Expressions;
using System.Text;
using System.Text.Json;
using GraphQL.Execution;
using ExecutionContext = GraphQL.Execution.ExecutionContext;
using HistoryGraph.Conventions.Declarations;
using HistoryGraph.Conventions.Filtering;
using HistoryGraph.Conventions.Paging;
using HistoryGraph.Ingestion.Storage;
using Npgsql;

namespace HistoryGraph.CompiledReads;

/// A connection of one request: its plan with this request's arguments (filter, order,
/// cursors, size), checked exactly as the resolvers check them, written as SQL and read back.
/// The root's page is one statement; a connection under each row is a correlated subquery
/// that PostgreSQL turns into JSON (json_agg), its own order, limit and cursor inside.
public sealed class PageQuery(ConnectionPlan plan, List<SortKey> keys, int size, bool backwards, bool hasAfter, bool hasBefore,
    LambdaExpression? filter, LambdaExpression? afterCondition, LambdaExpression? beforeCondition, List<PageQuery> children)
{
    private readonly List<StoredValue> _columns = [];
    private readonly List<StoredValue> _keys = [];

    public ConnectionPlan Plan { get; } = plan;
    public List<SortKey> Keys { get; } = keys;
    public int Size { get; } = size;
    public bool Backwards { get; } = backwards;
    public bool HasAfter { get; } = hasAfter;
    public bool HasBefore { get; } = hasBefore;
    public List<PageQuery> Children { get; } = children;

    /// The arguments as the resolvers read them; their errors (a bad cursor, a page too large,
    /// a filter beyond its limits) are thrown as theirs are.
    public static PageQuery Of(ConnectionPlan plan, ExecutionContext context, PagingOptions paging, FilterOptions filters)
    {
        // Validation coerced every field's arguments already; read them as a resolver would.
        var arguments = context.ArgumentValues?.TryGetValue(plan.Ast, out var coerced) == true
            ? coerced
            : ExecutionHelper.GetArguments(plan.Field.Arguments, plan.Ast.Arguments, context.Variables, context.Document, plan.Ast, null);
        object? Argument(string name) => arguments is not null && arguments.TryGetValue(name, out var value) ? value.Value : null;
        var where = Argument("where") as IDictionary<string, object?>;
        if (where is not null)
            FilterSize.Check(where, filters);
        var order = (Argument("order") as IEnumerable)?.OfType<IDictionary<string, object?>>().ToList();
        var request = new PageRequest(Argument("first") as int?, Argument("after") as string, Argument("last") as int?, Argument("before") as string);
        var keys = KeysetPaging.Order(plan.Source.Declaration, order);
        var (size, backwards) = KeysetPaging.Size(request, paging);
        var filter = plan.Source.Filter(where, type => Expression.Constant(Queryable.AsQueryable(Array.CreateInstance(type, 0))));
        var after = request.After is { } a ? plan.Source.Beyond(keys, KeysetPaging.Decode(keys, a), forwards: true, StorageProvider.PostgreSql) : null;
        var before = request.Before is { } b ? plan.Source.Beyond(keys, KeysetPaging.Decode(keys, b), forwards: false, StorageProvider.PostgreSql) : null;
        var children = plan.Children.Select(child => Of(child, context, paging, filters)).ToList();
        return new PageQuery(plan, keys, size, backwards, request.After is not null, request.Before is not null, filter, after, before, children);
    }

    /// The root page's statement: its rows, each with the JSON of its children's pages and
    /// their totals, and the total of all rows when selected.
    public void WriteRoot(StatementText statement)
    {
        var sql = statement.Sql;
        if (Children.Count == 0 && !Plan.CountsTotal)
        {
            sql.Append(Inner(statement, null));
            return;
        }
        var page = new StringBuilder();
        var x = statement.NextAlias("x");
        page.Append("SELECT ").Append(string.Join(", ", OuterColumns(statement, x))).Append(" FROM (").Append(Inner(statement, null)).Append(") AS ").Append(x)
            .Append(" ORDER BY ").Append(OrderBy(x + "."));
        if (!Plan.CountsTotal)
        {
            sql.Append(page);
            return;
        }
        // The total rides with the page, so that an empty page still answers one row.
        var q = statement.NextAlias("q");
        var n = statement.NextAlias("n");
        sql.Append("SELECT ").Append(q).Append(".*, ").Append(n).Append(".total FROM (").Append(Count(statement, null)).Append(") AS ").Append(n)
            .Append(" LEFT JOIN LATERAL (").Append(page).Append(") AS ").Append(q).Append(" ON true ORDER BY ").Append(OrderBy(q + "."));
    }

    /// The page's own select: columns c0.., sort values k0.., parent keys p0.. of its children.
    private string Inner(StatementText statement, string? parentKey)
    {
        var table = TableAlias.Of(statement, Plan.Source.Declaration.RowType, statement.NextAlias("t"));
        var translator = new SqlTranslator(statement);
        var select = new List<string>();
        _columns.Clear();
        _keys.Clear();
        for (var i = 0; i < Plan.Columns.Count; i++)
        {
            var column = translator.Translate(Plan.Columns[i], table);
            _columns.Add(new StoredValue(column));
            select.Add($"{column.Text} AS c{i}");
        }
        for (var i = 0; i < Keys.Count; i++)
        {
            var key = translator.Translate(Keys[i].Field.Expression, table);
            _keys.Add(new StoredValue(key));
            select.Add($"{key.Text} AS k{i}");
        }
        for (var i = 0; i < Children.Count; i++)
            select.Add($"{translator.Translate(Children[i].Plan.Source.ParentKey!, table).Text} AS p{i}");
        var text = new StringBuilder("SELECT ").Append(string.Join(", ", select)).Append(" FROM ").Append(table.Table).Append(" AS ").Append(table.Alias);
        var conditions = Conditions(translator, table, parentKey, withCursors: true);
        if (conditions.Count > 0)
            text.Append(" WHERE ").Append(string.Join(" AND ", conditions));
        text.Append(" ORDER BY ").Append(OrderBy("")).Append(" LIMIT ").Append(Size + 1);
        return text.ToString();
    }

    private List<string> Conditions(SqlTranslator translator, TableAlias table, string? parentKey, bool withCursors)
    {
        var conditions = new List<string>();
        if (parentKey is not null)
            conditions.Add($"{translator.Translate(Plan.Source.ChildKey!, table).Text} = {parentKey}");
        if (Plan.RowsCondition is { } rows)
            conditions.Add(translator.Translate(rows, table).Text);
        if (filter is not null)
            conditions.Add(translator.Translate(filter, table).Text);
        if (withCursors && afterCondition is not null)
            conditions.Add(translator.Translate(afterCondition, table).Text);
        if (withCursors && beforeCondition is not null)
            conditions.Add(translator.Translate(beforeCondition, table).Text);
        return conditions;
    }

    private string Count(StatementText statement, string? parentKey)
    {
        var table = TableAlias.Of(statement, Plan.Source.Declaration.RowType, statement.NextAlias("t"));
        var conditions = Conditions(new SqlTranslator(statement), table, parentKey, withCursors: false);
        return $"SELECT count(*)::int AS total FROM {table.Table} AS {table.Alias}" + (conditions.Count > 0 ? " WHERE " + string.Join(" AND ", conditions) : "");
    }

    /// Nulls last in either direction, as on every path; reversed for a page read backwards.
    /// Said only for a field that can be null: PostgreSQL matches an index's order only when
    /// the nulls' place agrees too, and it does not look at NOT NULL to see that it cannot matter.
    private string OrderBy(string prefix) => string.Join(", ", Keys.Select((key, i) =>
    {
        var descending = (key.Direction == SortDirection.Desc) != Backwards;
        var nulls = key.Field.IsNullable ? (Backwards ? " NULLS FIRST" : " NULLS LAST") : "";
        return $"{prefix}k{i} {(descending ? "DESC" : "ASC")}{nulls}";
    }));

    /// The outer select over the page: its columns and sort values, then for each child the
    /// JSON of its page and (when selected) its total, correlated on the parent key.
    private List<string> OuterColumns(StatementText statement, string x)
    {
        var columns = Enumerable.Range(0, Plan.Columns.Count).Select(i => $"{x}.c{i}")
            .Concat(Enumerable.Range(0, Keys.Count).Select(i => $"{x}.k{i}")).ToList();
        for (var i = 0; i < Children.Count; i++)
            columns.Add($"({Children[i].Nested(statement, $"{x}.p{i}")})");
        for (var i = 0; i < Children.Count; i++)
        {
            if (Children[i].Plan.CountsTotal)
                columns.Add($"({Children[i].Count(statement, $"{x}.p{i}")})");
        }
        return columns;
    }

    /// A child page as one JSON value: an array of rows, each an array in the same layout.
    private string Nested(StatementText statement, string parentKey)
    {
        var y = statement.NextAlias("y");
        var inner = Inner(statement, parentKey);
        var items = OuterColumns(statement, y);
        if (items.Count > 100)
            throw new NotCompilableException("More than 100 values in a nested row.");
        return $"SELECT coalesce(json_agg(json_build_array({string.Join(", ", items)}) ORDER BY {OrderBy(y + ".")}), '[]'::json) FROM ({inner}) AS {y}";
    }

    /// Reads the root page from the statement's rows.
    public async Task<Page> ReadAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var rows = new List<PageRow>();
        int? total = null;
        var width = Plan.Columns.Count + Keys.Count + Children.Count + Children.Count(c => c.Plan.CountsTotal);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (Plan.CountsTotal)
            {
                total = reader.GetInt32(width);
                // An empty page: one row of the total alone (a sort value, never null, is null).
                if (reader.IsDBNull(Plan.Columns.Count + Keys.Count - 1))
                    continue;
            }
            var columns = new object?[Plan.Columns.Count];
            for (var i = 0; i < columns.Length; i++)
                columns[i] = _columns[i].FromReader(reader.GetValue(i));
            var keys = new object?[Keys.Count];
            for (var i = 0; i < keys.Length; i++)
                keys[i] = _keys[i].FromReader(reader.GetValue(columns.Length + i));
            var children = new Page[Children.Count];
            var at = columns.Length + keys.Length;
            var totals = at + Children.Count;
            for (var i = 0; i < children.Length; i++)
            {
                // Read as the UTF-8 it arrives in, not decoded into a string and encoded again.
                var json8 = new Utf8JsonReader(reader.GetFieldValue<byte[]>(at + i));
                json8.Read();
                int? childTotal = Children[i].Plan.CountsTotal ? reader.GetInt32(totals++) : null;
                children[i] = Children[i].ReadJson(ref json8, childTotal);
            }
            rows.Add(new PageRow(columns, keys, children));
        }
        return Finish(rows, total);
    }

    /// A child page from its JSON array (the reader on its StartArray).
    private Page ReadJson(ref Utf8JsonReader reader, int? total)
    {
        var rows = new List<PageRow>();
        while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
        {
            var columns = new object?[Plan.Columns.Count];
            for (var i = 0; i < columns.Length; i++)
            {
                reader.Read();
                columns[i] = _columns[i].FromJson(ref reader);
            }
            var keys = new object?[Keys.Count];
            for (var i = 0; i < keys.Length; i++)
            {
                reader.Read();
                keys[i] = _keys[i].FromJson(ref reader);
            }
            var children = new Page[Children.Count];
            for (var i = 0; i < children.Length; i++)
            {
                reader.Read();
                children[i] = Children[i].ReadJson(ref reader, null);
            }
            for (var i = 0; i < Children.Count; i++)
            {
                if (!Children[i].Plan.CountsTotal)
                    continue;
                reader.Read();
                children[i] = children[i] with { Total = reader.GetInt32() };
            }
            reader.Read(); // EndArray of the row
            rows.Add(new PageRow(columns, keys, children));
        }
        return Finish(rows, total);
    }

    private Page Finish(List<PageRow> rows, int? total)
    {
        var more = rows.Count > Size;
        if (more)
            rows.RemoveAt(rows.Count - 1);
        if (Backwards)
            rows.Reverse();
        return new Page(rows, more, total);
    }

    public bool HasNextPage(Page page) => Backwards ? HasBefore : page.More;
    public bool HasPreviousPage(Page page) => Backwards ? page.More : HasAfter;
}
