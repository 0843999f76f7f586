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

    public abstract StorageProvider Provider { get; }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(HistoryDbContext).Assembly);
        modelBuilder.UseSnakeCaseNames();
    }

    public static readonly string LockSequenceSql = $"UPDATE sequence_counter SET value = value WHERE id = {Storage.SequenceCounter.SingletonId} RETURNING value";

    /// Locks the sequence counter row until the transaction ends and returns its value.
    /// Taken first in every write transaction: it serializes writers across instances, so
    /// each one reads state that every earlier writer has committed.
    public async Task<long> LockSequenceAsync(CancellationToken cancellationToken)
    {
        var connection = Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = LockSequenceSql;
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return Convert.ToInt64(value);
    }
}
