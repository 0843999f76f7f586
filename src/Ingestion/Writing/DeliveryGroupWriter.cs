using HistoryGraph.Ingestion.History;
using HistoryGraph.Ingestion.OpenMetadata;
using HistoryGraph.Ingestion.Storage;
using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.Ingestion.Writing;

/// Writes a group of deliveries in one transaction with few round trips: lock the sequence
/// counter, read what already exists (event keys, entities, actors) in one query each, apply
/// every event in memory, then write (FlushAsync). Used once per group and then discarded.
internal sealed partial class DeliveryGroupWriter(HistoryDbContext db, IngestionOptions options)
{
    private readonly HashSet<string> _knownKeys = new(StringComparer.Ordinal);
    // Append-only rows are collected here, not in the change tracker: see FlushAsync.
    private readonly List<ChangeEvent> _newEvents = [];
    private readonly List<FieldChange> _newFieldChanges = [];
    private readonly List<EntityVersion> _newVersions = [];
    private Dictionary<Guid, TrackedEntity> _entities = [];
    private Dictionary<string, Actor> _actors = [];
    private long _sequence;

    /// The counter's value once the group committed: every sequence up to it is stored.
    public long HighestSequence { get; private set; }

    public async Task<IReadOnlyList<DeliveryOutcome>> WriteAsync(IReadOnlyList<IncomingDelivery> deliveries, CancellationToken cancellationToken)
    {
        // Change detection runs once, before SaveChanges, not on every look-up.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var start = _sequence = await db.LockSequenceAsync(cancellationToken);
        await LoadExistingAsync(deliveries.SelectMany(d => d.Events).ToList(), cancellationToken);

        var results = new List<(List<long> Sequences, int Duplicates, List<RejectedDelivery> Rejected)>();
        foreach (var delivery in deliveries)
        {
            var sequences = new List<long>();
            var duplicates = 0;
            foreach (var message in delivery.Events)
            {
                if (!_knownKeys.Add(message.EventKey))
                {
                    duplicates++;
                    continue;
                }
                sequences.Add(await ApplyAsync(message, delivery.ReceivedAt, cancellationToken));
            }
            var rejected = delivery.Rejected.Select(part => AddRejected(delivery, part)).ToList();
            if (delivery.ReplayOf is { } replayed)
                await MarkReplayedAsync(replayed, sequences, cancellationToken);
            results.Add((sequences, duplicates, rejected));
        }

        if (_sequence != start)
        {
            var counter = new SequenceCounter { Id = SequenceCounter.SingletonId, Value = _sequence };
            db.Attach(counter).Property(c => c.Value).IsModified = true;
        }
        await FlushAsync(cancellationToken);
        if (_sequence != start && db.Provider == StorageProvider.PostgreSql)
            await db.Database.ExecuteSqlAsync($"SELECT pg_notify({CommitSignal.PostgresChannel}, {_sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)})", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        HighestSequence = _sequence;

        return results.Select(r => new DeliveryOutcome(r.Sequences.Count, r.Duplicates, r.Sequences, r.Rejected.Select(x => x.Id).ToList(), r.Rejected.Select(x => x.Reason).ToList())).ToList();
    }

    private async Task LoadExistingAsync(List<ChangeEventMessage> messages, CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
            return;
        var keys = messages.Select(m => m.EventKey).Distinct().ToList();
        _knownKeys.UnionWith(await db.ChangeEvents.Where(e => keys.Contains(e.EventKey)).Select(e => e.EventKey).ToListAsync(cancellationToken));

        var entityIds = messages.Where(m => EventTypes.TouchesEntity(m.EventType)).Select(m => m.EntityId).Distinct().ToList();
        if (entityIds.Count > 0)
            _entities = await db.Entities.Where(e => entityIds.Contains(e.EntityId)).ToDictionaryAsync(e => e.EntityId, cancellationToken);

        var names = messages.SelectMany(ActorNames).Distinct(StringComparer.Ordinal).ToList();
        if (names.Count > 0)
            _actors = await db.Actors.Where(a => names.Contains(a.Name)).ToDictionaryAsync(a => a.Name, StringComparer.Ordinal, cancellationToken);
    }

    private async Task<long> ApplyAsync(ChangeEventMessage message, DateTime receivedAt, CancellationToken cancellationToken)
    {
        var sequence = ++_sequence;
        // An event that names no fqn (some releases drop it) takes the one already known.
        var fqn = message.Fqn ?? _entities.GetValueOrDefault(message.EntityId)?.Fqn;
        _newEvents.Add(new ChangeEvent
        {
            Sequence = sequence,
            EventKey = message.EventKey,
            EventId = message.EventId,
            EventType = message.EventType,
            EntityType = message.EntityType,
            EntityId = message.EntityId,
            EntityFqn = fqn,
            UserName = message.UserName,
            ImpersonatedBy = message.ImpersonatedBy,
            Timestamp = message.Timestamp,
            ReceivedAt = receivedAt,
            PreviousVersion = message.PreviousVersion,
            CurrentVersion = message.CurrentVersion,
            Payload = StoredPayload.Pack(message.RawJson),
        });

        var changes = message.HasChangeDescription ? message.FieldChanges : await DeriveChangesAsync(message, cancellationToken);
        AddFieldChanges(message, fqn, sequence, changes, derived: !message.HasChangeDescription);

        if (EventTypes.TouchesEntity(message.EventType))
            await ApplyToEntityAsync(message, sequence, cancellationToken);
        CountActors(message);
        return sequence;
    }

    private void AddFieldChanges(ChangeEventMessage message, string? fqn, long sequence, IReadOnlyList<FieldChangeMessage> changes, bool derived)
    {
        var ordinal = 0;
        foreach (var change in changes)
        {
            var classification = FieldChangeClassifier.Classify(change.Path, message.EntityType, change.OldValueJson, change.NewValueJson);
            _newFieldChanges.Add(new FieldChange
            {
                EventSequence = sequence,
                Ordinal = ordinal++,
                EntityId = message.EntityId,
                EntityType = message.EntityType,
                EntityFqn = fqn,
                Path = change.Path,
                Field = classification.Field,
                Column = classification.Column,
                Category = classification.Category,
                ChangeType = change.ChangeType,
                OldValue = change.OldValueJson,
                NewValue = change.NewValueJson,
                ChangedAt = message.Timestamp,
                ChangedBy = message.UserName,
                Version = message.Version,
                Derived = derived,
            });
        }
    }

    /// On PostgreSQL a group's append-only rows go by binary COPY (parents first: field changes
    /// refer to their event), and only updates and the few other inserts by SaveChanges. Small
    /// groups, and SQLite, use SaveChanges for everything.
    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (db.Provider == StorageProvider.PostgreSql && PostgresBulkCopy.PaysOff(_newEvents.Count, _newEvents.Count + _newFieldChanges.Count + _newVersions.Count))
        {
            await PostgresBulkCopy.CopyAsync(db, _newEvents, cancellationToken);
            await PostgresBulkCopy.CopyAsync(db, _newFieldChanges, cancellationToken);
            await PostgresBulkCopy.CopyAsync(db, _newVersions, cancellationToken);
        }
        else
        {
            db.ChangeEvents.AddRange(_newEvents);
            db.FieldChanges.AddRange(_newFieldChanges);
            db.EntityVersions.AddRange(_newVersions);
        }
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(cancellationToken);
    }

    private RejectedDelivery AddRejected(IncomingDelivery delivery, RejectedPart part)
    {
        var row = new RejectedDelivery { ReceivedAt = delivery.ReceivedAt, Body = part.Body, PartIndex = part.Index, Reason = part.Reason };
        db.RejectedDeliveries.Add(row);
        return row;
    }

    private async Task MarkReplayedAsync(long rejectedId, List<long> sequences, CancellationToken cancellationToken)
    {
        var row = await db.RejectedDeliveries.FindAsync([rejectedId], cancellationToken);
        if (row is null)
            return;
        row.ReplayAttempts++;
        row.ReplayedAt = DateTime.UtcNow;
        row.ReplayedEventSequence = sequences.Count > 0 ? sequences[0] : null;
    }
}
