using HistoryGraph.Ingestion.OpenMetadata;
using HistoryGraph.Ingestion.Payloads;
using HistoryGraph.Ingestion.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace HistoryGraph.Ingestion.Writing;

/// Fills in who follows each entity in a store made before followers were kept on the entity's
/// state: the followers its current snapshot lists, then the `followers` changes of the events
/// after that snapshot, in (version, time) order as the writer applies them. Runs once, at
/// start-up; a batch per transaction under the writers' lock. An interrupted run starts again
/// from the beginning, which computes the same lists; so do two instances starting together.
public sealed class FollowerNamesCatchUp(PayloadCodec codec, ILogger<FollowerNamesCatchUp> logger) : IDataMigration
{
    public const string Name = "follower-names";
    private const int BatchSize = 500;

    public async Task RunAsync(HistoryDbContext db, CancellationToken cancellationToken)
    {
        if (await db.CompletedDataMigrations.AnyAsync(m => m.Name == Name, cancellationToken))
            return;
        var ids = await db.Entities.AsNoTracking().OrderBy(e => e.EntityId).Select(e => e.EntityId).ToListAsync(cancellationToken);
        if (ids.Count > 0)
            logger.LogInformation("Reading the followers of {Entities} stored entities", ids.Count);
        var followed = 0;
        foreach (var batch in ids.Chunk(BatchSize))
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.LockSequenceAsync(cancellationToken);
            var entities = await db.Entities.Where(e => batch.Contains(e.EntityId)).ToListAsync(cancellationToken);
            var snapshotSequences = entities.Select(e => e.SnapshotEventSequence).OfType<long>().ToList();
            var snapshots = await db.ChangeEvents.AsNoTracking()
                .Where(e => snapshotSequences.Contains(e.Sequence))
                .Select(e => new { e.Sequence, e.Timestamp, e.Payload })
                .ToDictionaryAsync(e => e.Sequence, cancellationToken);
            var changes = (await db.FieldChanges.AsNoTracking()
                .Where(f => batch.Contains(f.EntityId) && f.Path == Followers.Field)
                .Select(f => new { f.EntityId, f.EventSequence, f.Ordinal, f.Version, f.ChangedAt, f.ChangeType, f.OldValue, f.NewValue })
                .ToListAsync(cancellationToken))
                .ToLookup(f => f.EntityId);
            foreach (var entity in entities)
            {
                var snapshot = entity.SnapshotEventSequence is { } s && snapshots.TryGetValue(s, out var row) ? row : null;
                var listed = snapshot is not null && EventPayload.Snapshot(codec.Unpack(snapshot.Payload)) is { } json ? Read(json) : null;
                var later = changes[entity.EntityId]
                    .Where(c => listed is null || snapshot is null || IsAfter(c.Version, c.ChangedAt, c.EventSequence, listed.Value.Version, snapshot.Timestamp, snapshot.Sequence))
                    .OrderBy(c => c.Version).ThenBy(c => c.ChangedAt).ThenBy(c => c.EventSequence).ThenBy(c => c.Ordinal)
                    .Select(c => (c.ChangeType, c.OldValue, c.NewValue));
                entity.FollowerNames = Followers.After([.. listed?.Names ?? []], listed: null, later);
                if (entity.FollowerNames.Count > 0)
                    followed++;
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        // Instances starting together on one store each run it (to the same lists); the first to
        // get here records it, under the writers' lock, and the others find it recorded.
        db.ChangeTracker.Clear();
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.LockSequenceAsync(cancellationToken);
            if (!await db.CompletedDataMigrations.AnyAsync(m => m.Name == Name, cancellationToken))
            {
                db.CompletedDataMigrations.Add(new CompletedDataMigration { Name = Name, CompletedAt = DateTime.UtcNow });
                await db.SaveChangesAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        if (ids.Count > 0)
            logger.LogInformation("Followers read: {Followed} of {Entities} entities have any", followed, ids.Count);
    }

    private static (IReadOnlyList<string> Names, decimal? Version)? Read(string snapshotJson)
    {
        using var document = System.Text.Json.JsonDocument.Parse(snapshotJson);
        return Followers.Listed(document.RootElement) is { } names
            ? (names, JsonValues.Decimal(document.RootElement, "version"))
            : null;
    }

    // The writer applies an event over the state when its (version, time) is at least the state's.
    private static bool IsAfter(decimal? version, DateTime at, long sequence, decimal? snapshotVersion, DateTime snapshotAt, long snapshotSequence)
    {
        var byVersion = Nullable.Compare(version, snapshotVersion);
        return byVersion > 0 || (byVersion == 0 && (at > snapshotAt || (at == snapshotAt && sequence > snapshotSequence)));
    }
}
