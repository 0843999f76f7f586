using System.Collections;
using System.Collections.Concurrent;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace HistoryGraph.Ingestion.Storage;

/// Reads and writes rows of the history tables as statements of an NpgsqlBatch, so that a
/// group of deliveries costs two round trips (look-ups, writes) and a commit, and a fixed
/// number of statements, whatever it holds. Tables, columns and value conversions come from
/// the EF Core model: the migrations stay the one description of the schema, and the rows
/// never enter a change tracker.
internal static class PostgresRows
{
    private static readonly ConcurrentDictionary<IEntityType, Table> Tables = new();

    /// `SELECT <every column> FROM <table> WHERE <property's column> = ANY(@values)`.
    public static NpgsqlBatchCommand SelectWhereAny<T, TKey>(HistoryDbContext db, string property, IReadOnlyCollection<TKey> values)
    {
        var table = TableOf<T>(db);
        var command = new NpgsqlBatchCommand($"SELECT {table.ColumnList} FROM \"{table.Name}\" WHERE \"{table.ColumnOf(property)}\" = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = values.ToArray() });
        return command;
    }

    /// `SELECT <property's column> FROM <table> WHERE <that column> = ANY(@values)`: which of the values exist.
    public static NpgsqlBatchCommand SelectExisting<T, TKey>(HistoryDbContext db, string property, IReadOnlyCollection<TKey> values)
    {
        var table = TableOf<T>(db);
        var column = table.ColumnOf(property);
        var command = new NpgsqlBatchCommand($"SELECT \"{column}\" FROM \"{table.Name}\" WHERE \"{column}\" = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = values.ToArray() });
        return command;
    }

    public static async Task<List<T>> ReadAllAsync<T>(HistoryDbContext db, NpgsqlDataReader reader, CancellationToken cancellationToken) where T : class
    {
        var table = TableOf<T>(db);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = (T)table.Create();
            for (var i = 0; i < table.Columns.Count; i++)
            {
                if (reader.IsDBNull(i)) // the row is buffered: no I/O
                    continue;
                var column = table.Columns[i];
                var value = reader.GetValue(i);
                if (column.FromProvider is not null)
                    value = column.FromProvider(value);
                else if (value is string[] strings && column.Property.ClrType == typeof(List<string>))
                    value = strings.ToList();
                column.Set(row, value);
            }
            rows.Add(row);
        }
        return rows;
    }

    /// Many rows as one statement: `INSERT ... SELECT ... FROM unnest(@column1, @column2, ...)`,
    /// one array parameter per column.
    public static NpgsqlBatchCommand InsertMany<T>(HistoryDbContext db, IReadOnlyList<T> rows) where T : class
    {
        var table = TableOf<T>(db);
        return WithColumnArrays(new NpgsqlBatchCommand(table.InsertUnnest), table, rows);
    }

    /// Many rows as one statement, each inserted or, when its key exists, overwritten:
    /// `INSERT ... SELECT ... FROM unnest(...) ON CONFLICT (key) DO UPDATE`. One statement for
    /// a group's entities instead of one each: PostgreSQL plans every statement it is sent
    /// (plan_cache_mode, see StorageConnection), and planning thirty single-row upserts cost
    /// more than writing their rows. The keys must be distinct (a row may not be updated
    /// twice by one statement).
    public static NpgsqlBatchCommand UpsertMany<T>(HistoryDbContext db, IReadOnlyCollection<T> rows) where T : class
    {
        var table = TableOf<T>(db);
        return WithColumnArrays(new NpgsqlBatchCommand(table.UpsertUnnest), table, rows as IReadOnlyList<T> ?? rows.ToList());
    }

    /// Counts added up: `INSERT ... SELECT ... FROM unnest(...) ON CONFLICT (key) DO UPDATE SET
    /// count = count + EXCLUDED.count` for every column outside the key. The keys must be distinct.
    public static NpgsqlBatchCommand AddMany<T>(HistoryDbContext db, IReadOnlyList<T> rows) where T : class
    {
        var table = TableOf<T>(db);
        return WithColumnArrays(new NpgsqlBatchCommand(table.AddUnnest), table, rows);
    }

    private static NpgsqlBatchCommand WithColumnArrays<T>(NpgsqlBatchCommand command, Table table, IReadOnlyList<T> rows) where T : class
    {
        foreach (var column in table.Columns)
        {
            var values = Array.CreateInstance(column.IsArray ? typeof(string) : column.ProviderType, rows.Count);
            for (var r = 0; r < rows.Count; r++)
                values.SetValue(column.ValueOf(rows[r]), r);
            // Npgsql infers each array's type from its CLR type (no column is jsonb any more).
            command.Parameters.Add(new NpgsqlParameter { Value = values });
        }
        return command;
    }

    /// PostgreSQL's text form of a text[]: every element quoted, quotes and backslashes escaped.
    private static string ArrayLiteral(IList items)
    {
        var text = new System.Text.StringBuilder("{");
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
                text.Append(',');
            text.Append('"').Append(((string)items[i]!).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
        }
        return text.Append('}').ToString();
    }

    private static Table TableOf<T>(HistoryDbContext db) => Tables.GetOrAdd(db.Model.FindEntityType(typeof(T))!, Table.For);

    private sealed record Column(IProperty Property, string Name, Type ProviderType, Func<object, object?>? ToProvider, Func<object, object?>? FromProvider,
        Action<object, object?> Set)
    {
        private IClrPropertyGetter Getter { get; } = Property.GetGetter();

        /// A list column (text[]): unnest would flatten an array of arrays, so each row's list
        /// travels as the text of its array and is cast back in the statement (Table.For).
        public bool IsArray => ProviderType == typeof(string[]);

        /// The row's value as its parameter array carries it.
        public object? ValueOf(object row)
        {
            var value = Getter.GetClrValue(row);
            if (value is not null && ToProvider is not null)
                value = ToProvider(value);
            return IsArray && value is IList list ? ArrayLiteral(list) : value;
        }
    }

    private static Action<object, object?> Setter(IProperty property)
    {
        var row = Expression.Parameter(typeof(object));
        var value = Expression.Parameter(typeof(object));
        var assign = Expression.Assign(
            Expression.Property(Expression.Convert(row, property.DeclaringType.ClrType), property.PropertyInfo!),
            Expression.Convert(value, property.ClrType));
        return Expression.Lambda<Action<object, object?>>(assign, row, value).Compile();
    }

    private sealed record Table(string Name, IReadOnlyList<Column> Columns, Func<object> Create, string ColumnList, string InsertUnnest, string UpsertUnnest, string AddUnnest)
    {
        public string ColumnOf(string property) => Columns.Single(c => c.Property.Name == property).Name;

        public static Table For(IEntityType entityType)
        {
            var name = entityType.GetTableName()!;
            var store = StoreObjectIdentifier.Table(name, entityType.GetSchema());
            var columns = entityType.GetProperties().Select(p =>
            {
                var mapping = p.GetTypeMapping();
                var providerType = mapping.Converter?.ProviderClrType ?? p.ClrType;
                if (providerType == typeof(List<string>))
                    providerType = typeof(string[]);
                if (p.IsNullable && providerType.IsValueType && Nullable.GetUnderlyingType(providerType) is null)
                    providerType = typeof(Nullable<>).MakeGenericType(providerType);
                return new Column(p, p.GetColumnName(store)!, providerType,
                    mapping.Converter?.ConvertToProvider, mapping.Converter?.ConvertFromProvider, Setter(p));
            }).ToList();
            var list = string.Join(", ", columns.Select(c => $"\"{c.Name}\""));
            var keys = entityType.FindPrimaryKey()!.Properties.Select(p => p.GetColumnName(store)!).ToHashSet();
            var parameters = string.Join(", ", columns.Select((c, i) => $"${i + 1}"));
            var aliases = string.Join(", ", columns.Select((c, i) => $"c{i}"));
            var selected = string.Join(", ", columns.Select((c, i) => c.IsArray ? $"c{i}::text[]" : $"c{i}"));
            var insert = $"INSERT INTO \"{name}\" ({list}) SELECT {selected} FROM unnest({parameters}) AS u({aliases})";
            var values = columns.Where(c => !keys.Contains(c.Name)).ToList();
            var updates = string.Join(", ", values.Select(c => $"\"{c.Name}\" = EXCLUDED.\"{c.Name}\""));
            var additions = string.Join(", ", values.Select(c => $"\"{c.Name}\" = \"{name}\".\"{c.Name}\" + EXCLUDED.\"{c.Name}\""));
            var onConflict = $"{insert} ON CONFLICT ({string.Join(", ", keys.Select(k => $"\"{k}\""))}) DO UPDATE SET";
            var clrType = entityType.ClrType;
            return new Table(name, columns, () => Activator.CreateInstance(clrType)!, list, insert, $"{onConflict} {updates}", $"{onConflict} {additions}");
        }
    }
}
