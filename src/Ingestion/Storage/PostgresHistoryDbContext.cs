using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.Ingestion.Storage;

public sealed class PostgresHistoryDbContext(DbContextOptions<PostgresHistoryDbContext> options) : HistoryDbContext(options)
{
    public override StorageProvider Provider => StorageProvider.PostgreSql;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // text_pattern_ops lets `LIKE 'prefix%'` (fqn prefix queries) use the index whatever
        // the database's collation is.
        modelBuilder.Entity<TrackedEntity>().HasIndex(e => e.Fqn).HasOperators("text_pattern_ops");
        modelBuilder.Entity<ChangeEvent>().HasIndex(e => e.EntityFqn).HasOperators("text_pattern_ops");
    }
}
