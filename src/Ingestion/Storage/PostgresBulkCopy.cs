using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace HistoryGraph.Ingestion.Storage;

/// Inserts rows with PostgreSQL's binary COPY. Tables, columns and value conversions come from
/// the EF Core model, so the migrations stay the one description of the schema; the rows never
/// enter the change tracker. COPY costs a round trip of its own, so it pays off for groups.
internal static class PostgresBulkCopy
{
    /// COPY costs a round trip per table, so it pays off for groups of events, and for any
    /// delivery with many rows (one event may carry thousands of field changes, which
    /// SaveChanges would insert in batches of statements, many times slower).
    public static bool PaysOff(int events, int rows) => events >= 8 || rows >= 256;

    private static readonly ConcurrentDictionary<IEntityType, CopyPlan> Plans = new();

    public static async Task CopyAsync<T>(HistoryDbContext db, IReadOnlyList<T> rows, CancellationToken cancellationToken) where T : class
    {
        if (rows.Count == 0)
            return;
        var plan = Plans.GetOrAdd(db.Model.FindEntityType(typeof(T))!, CopyPlan.For);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var importer = await connection.BeginBinaryImportAsync(plan.Command, cancellationToken);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            foreach (var column in plan.Columns)
            {
                var value = column.Getter.GetClrValue(row);
                if (value is not null && column.Converter is not null)
                    value = column.Converter(value);
                if (value is null)
                    await importer.WriteNullAsync(cancellationToken);
                else
                    await importer.WriteAsync(value, column.StoreType, cancellationToken);
            }
        }
        await importer.CompleteAsync(cancellationToken);
    }

    private sealed record CopyColumn(IClrPropertyGetter Getter, Func<object, object?>? Converter, string StoreType);

    private sealed record CopyPlan(string Command, IReadOnlyList<CopyColumn> Columns)
    {
        public static CopyPlan For(IEntityType entityType)
        {
            var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
            var properties = entityType.GetProperties().ToList();
            var names = string.Join(", ", properties.Select(p => $"\"{p.GetColumnName(table)}\""));
            var columns = properties
                .Select(p => new CopyColumn(p.GetGetter(), p.GetTypeMapping().Converter?.ConvertToProvider, p.GetColumnType()))
                .ToList();
            return new CopyPlan($"COPY \"{table.Name}\" ({names}) FROM STDIN (FORMAT BINARY)", columns);
        }
    }
}
