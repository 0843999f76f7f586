using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace HistoryGraph.Ingestion.Storage;

/// Writes the rows of one type that the change tracker holds as Added with PostgreSQL's binary
/// COPY, then marks them Unchanged so that SaveChanges does not insert them again. Tables,
/// columns and value conversions come from the EF Core model, so the migrations stay the one
/// description of the schema. COPY costs a round trip of its own, so it pays off only for
/// groups, not for single rows: below the threshold SaveChanges inserts them as usual.
internal static class PostgresBulkCopy
{
    public const int Threshold = 8;

    public static async Task CopyAddedAsync<T>(HistoryDbContext db, CancellationToken cancellationToken) where T : class
    {
        var entries = db.ChangeTracker.Entries<T>().Where(e => e.State == EntityState.Added).ToList();
        if (entries.Count < Threshold)
            return;

        var entityType = db.Model.FindEntityType(typeof(T))!;
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var properties = entityType.GetProperties().ToList();
        var columns = string.Join(", ", properties.Select(p => $"\"{p.GetColumnName(table)}\""));

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using (var importer = await connection.BeginBinaryImportAsync($"COPY \"{table.Name}\" ({columns}) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var entry in entries)
            {
                await importer.StartRowAsync(cancellationToken);
                foreach (var property in properties)
                {
                    var value = entry.Property(property.Name).CurrentValue;
                    if (value is not null && property.GetTypeMapping().Converter is { } converter)
                        value = converter.ConvertToProvider(value);
                    if (value is null)
                        await importer.WriteNullAsync(cancellationToken);
                    else
                        await importer.WriteAsync(value, property.GetColumnType(), cancellationToken);
                }
            }
            await importer.CompleteAsync(cancellationToken);
        }

        foreach (var entry in entries)
            entry.State = EntityState.Unchanged;
    }
}
