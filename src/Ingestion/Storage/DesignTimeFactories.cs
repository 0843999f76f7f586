using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace HistoryGraph.Ingestion.Storage;

// Used by `dotnet ef migrations add` only; no database is contacted.
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresHistoryDbContext>
{
    public PostgresHistoryDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresHistoryDbContext>().UseNpgsql("Host=localhost").Options);
}

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteHistoryDbContext>
{
    public SqliteHistoryDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteHistoryDbContext>().UseSqlite("Data Source=design.db").Options);
}
