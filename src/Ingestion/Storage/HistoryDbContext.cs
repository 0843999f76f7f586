using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace HistoryGraph.Ingestion.Storage;

/// The history store. One subclass per provider owns that provider's migrations folder. It also
/// keeps the server's Data Protection keys, so that every instance on one store reads what any
/// of them encrypted (notification secrets).
public abstract class HistoryDbContext(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<ChangeEvent> ChangeEvents => Set<ChangeEvent>();
    public DbSet<FieldChange> FieldChanges => Set<FieldChange>();
    public DbSet<EntityVersion> EntityVersions => Set<EntityVersion>();
    public DbSet<TrackedEntity> Entities => Set<TrackedEntity>();
    public DbSet<Deletion> Deletions => Set<Deletion>();
    public DbSet<Actor> Actors => Set<Actor>();
    public DbSet<RejectedDelivery> RejectedDeliveries => Set<RejectedDelivery>();
    public DbSet<RestoreAttempt> RestoreAttempts => Set<RestoreAttempt>();
    public DbSet<PurgeRun> PurgeRuns => Set<PurgeRun>();
    public DbSet<PurgedRange> PurgedRanges => Set<PurgedRange>();
    public DbSet<ReconciledWindow> ReconciledWindows => Set<ReconciledWindow>();
    public DbSet<KnownGap> KnownGaps => Set<KnownGap>();
    public DbSet<NotificationTarget> NotificationTargets => Set<NotificationTarget>();
    public DbSet<NotificationDelivery> NotificationDeliveries => Set<NotificationDelivery>();
    public DbSet<NotificationCursor> NotificationCursor => Set<NotificationCursor>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<SequenceCounter> SequenceCounter => Set<SequenceCounter>();
    public DbSet<PayloadDictionary> PayloadDictionaries => Set<PayloadDictionary>();
    public DbSet<ChangeCount> ChangeCounts => Set<ChangeCount>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<TrustedDocument> TrustedDocuments => Set<TrustedDocument>();
    public DbSet<LogTile> LogTiles => Set<LogTile>();
    public DbSet<LogCheckpoint> LogCheckpoints => Set<LogCheckpoint>();
    public DbSet<LogSigningKey> LogSigningKeys => Set<LogSigningKey>();
    public DbSet<CompletedDataMigration> CompletedDataMigrations => Set<CompletedDataMigration>();

    public abstract StorageProvider Provider { get; }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(HistoryDbContext).Assembly);
        modelBuilder.UseSnakeCaseNames();
    }

    public static readonly string LockSequenceSql =
        $"UPDATE sequence_counter SET value = value WHERE id = {Storage.SequenceCounter.SingletonId} RETURNING value, tree_size, tree_edge";

    /// The rows of the log's tiles that are still filling (Transparency.LogAppend.PartialTiles),
    /// found from the counter so that it can follow LockSequenceSql in one batch: at tile level T
    /// the tile tree_size >> 8(T + 1), when it exists.
    public static readonly string PartialTilesSql =
        "SELECT t.level, t.\"index\", t.\"offset\", t.hashes FROM log_tiles t JOIN sequence_counter c ON c.id = " + Storage.SequenceCounter.SingletonId + " WHERE "
        + string.Join(" OR ", Enumerable.Range(0, 7).Select(level => $"(t.level = {level} AND t.\"index\" = c.tree_size >> {8 * (level + 1)})"));

    /// Locks the sequence counter row until the transaction ends and returns it.
    /// Taken first in every write transaction: it serializes writers across instances, so
    /// each one reads state that every earlier writer has committed.
    public async Task<SequenceCounter> LockSequenceAsync(CancellationToken cancellationToken)
    {
        var connection = Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = LockSequenceSql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return ReadCounter(reader);
    }

    /// The counter as LockSequenceSql returns it.
    public static SequenceCounter ReadCounter(System.Data.Common.DbDataReader reader) => new()
    {
        Id = Storage.SequenceCounter.SingletonId,
        Value = reader.GetInt64(0),
        TreeSize = reader.GetInt64(1),
        TreeEdge = (byte[])reader.GetValue(2),
    };

    /// The log's tiles that are still filling, read after the counter is locked.
    public async Task<List<LogTile>> PartialTilesAsync(CancellationToken cancellationToken)
    {
        var connection = Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = PartialTilesSql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await ReadTilesAsync(reader, cancellationToken);
    }

    /// Tile rows added, after the rows of the tiles now full are removed (their full row replaces them).
    public async Task SaveTilesAsync(IReadOnlyList<(short Level, long Index)> filled, IEnumerable<LogTile> added, CancellationToken cancellationToken)
    {
        foreach (var (level, index) in filled)
            await LogTiles.Where(t => t.Level == level && t.Index == index).ExecuteDeleteAsync(cancellationToken);
        foreach (var tile in added)
        {
            await Database.ExecuteSqlAsync(
                $"INSERT INTO log_tiles (level, \"index\", \"offset\", hashes) VALUES ({tile.Level}, {tile.Index}, {tile.Offset}, {tile.Hashes})", cancellationToken);
        }
    }

    public static async Task<List<LogTile>> ReadTilesAsync(System.Data.Common.DbDataReader reader, CancellationToken cancellationToken)
    {
        var tiles = new List<LogTile>();
        while (await reader.ReadAsync(cancellationToken))
            tiles.Add(new LogTile { Level = Convert.ToInt16(reader.GetValue(0)), Index = reader.GetInt64(1), Offset = Convert.ToInt16(reader.GetValue(2)), Hashes = (byte[])reader.GetValue(3) });
        return tiles;
    }
}
