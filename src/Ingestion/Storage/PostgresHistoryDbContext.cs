using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.Ingestion.Storage;

public sealed class PostgresHistoryDbContext(DbContextOptions<PostgresHistoryDbContext> options) : HistoryDbContext(options)
{
    public override StorageProvider Provider => StorageProvider.PostgreSql;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(e => e.GetProperties()))
        {
            if (property.FindAnnotation(ModelBuilding.JsonAnnotation) is not null)
                property.SetColumnType("jsonb");
        }
    }
}
