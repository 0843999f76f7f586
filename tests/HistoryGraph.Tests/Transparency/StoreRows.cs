using HistoryGraph.Ingestion.Storage;
using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.Tests.Transparency;

/// The rows a tamper test may change, copied before it and written back after, so that every
/// test of a class starts from an untouched store.
public sealed record StoreRows(
    List<ChangeEvent> Events, List<FieldChange> Changes, List<EntityVersion> Versions, List<TrackedEntity> Entities,
    List<LogTile> Tiles, List<LogCheckpoint> Checkpoints, SequenceCounter Counter)
{
    public static async Task<StoreRows> CopyAsync(IDbContextFactory<HistoryDbContext> contexts)
    {
        await using var db = await contexts.CreateDbContextAsync();
        return new StoreRows(
            await db.ChangeEvents.AsNoTracking().ToListAsync(), await db.FieldChanges.AsNoTracking().ToListAsync(), await db.EntityVersions.AsNoTracking().ToListAsync(),
            await db.Entities.AsNoTracking().ToListAsync(), await db.LogTiles.AsNoTracking().ToListAsync(), await db.LogCheckpoints.AsNoTracking().ToListAsync(),
            await db.SequenceCounter.AsNoTracking().SingleAsync());
    }

    public async Task RestoreAsync(IDbContextFactory<HistoryDbContext> contexts)
    {
        await using var db = await contexts.CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.FieldChanges.ExecuteDeleteAsync();
        await db.EntityVersions.ExecuteDeleteAsync();
        await db.ChangeEvents.ExecuteDeleteAsync();
        await db.Entities.ExecuteDeleteAsync();
        await db.LogTiles.ExecuteDeleteAsync();
        await db.LogCheckpoints.ExecuteDeleteAsync();
        db.ChangeEvents.AddRange(Events);
        db.FieldChanges.AddRange(Changes);
        db.EntityVersions.AddRange(Versions);
        db.Entities.AddRange(Entities);
        db.LogTiles.AddRange(Tiles);
        db.LogCheckpoints.AddRange(Checkpoints);
        await db.SaveChangesAsync();
        await db.SequenceCounter.ExecuteUpdateAsync(s => s.SetProperty(c => c.Value, Counter.Value).SetProperty(c => c.TreeSize, Counter.TreeSize).SetProperty(c => c.TreeEdge, Counter.TreeEdge));
        await transaction.CommitAsync();
    }
}
