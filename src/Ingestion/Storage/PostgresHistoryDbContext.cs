using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.Ingestion.Storage;

public sealed class PostgresHistoryDbContext(DbContextOptions<PostgresHistoryDbContext> options) : HistoryDbContext(options)
{
    public override StorageProvider Provider => StorageProvider.PostgreSql;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // Fully qualified names compare as bytes (collation "C"), as SQLite compares them: the
        // same order in both stores, whatever the database's own collation, and one plain index
        // serves both `LIKE 'prefix%'` and ORDER BY fqn (a text_pattern_ops index serves only the
        // former, so a prefix's first page sorted every match).
        modelBuilder.Entity<TrackedEntity>().Property(e => e.Fqn).UseCollation("C");
        modelBuilder.Entity<ChangeEvent>().Property(e => e.EntityFqn).UseCollation("C");
        modelBuilder.Entity<EntityVersion>().Property(e => e.Fqn).UseCollation("C");
        modelBuilder.Entity<FieldChange>().Property(e => e.EntityFqn).UseCollation("C");
        modelBuilder.Entity<Deletion>().Property(e => e.Fqn).UseCollation("C");
    }
}
