using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace HistoryGraph.Ingestion.Storage;

public sealed class SqliteHistoryDbContext(DbContextOptions<SqliteHistoryDbContext> options) : HistoryDbContext(options)
{
    public override StorageProvider Provider => StorageProvider.Sqlite;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no decimal type and EF Core cannot order or compare decimals stored as
        // TEXT in SQL. OpenMetadata versions (0.1, 1.2) survive a double exactly enough:
        // decimal -> double -> decimal gives the same value back.
        configurationBuilder.Properties<decimal>().HaveConversion<double>();
        // SQLite stores DateTime as ISO text without a kind; everything stored is UTC.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
