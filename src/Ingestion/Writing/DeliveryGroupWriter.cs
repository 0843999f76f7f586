using HistoryGraph.Ingestion.History;
using HistoryGraph.Ingestion.OpenMetadata;
using HistoryGraph.Ingestion.Payloads;
using HistoryGraph.Ingestion.Statistics;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Ingestion.Transparency;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace HistoryGraph.Ingestion.Writing;

/// Writes a group of deliveries in one transaction with few round trips: lock the sequence
/// counter and read what already exists (event keys, entities, actors), apply every event in
/// memory, append their leaves to the transparency log's tree (AppendToLog), then write
/// (FlushAsync). On PostgreSQL the look-ups are one batch of statements and
/// the writes another (PostgresRows), so a group costs three round trips with the commit,
/// however many events it holds; SQLite, embedded, goes through EF Core's change tracker.
/// Used once per group and then discarded.
internal sealed partial class DeliveryGroupWriter(HistoryDbContext db, IngestionOptions options, CommitSignal signal, PayloadCodec codec)
{
    private readonly bool _batched = db.Provider == StorageProvider.PostgreSql;
    private readonly HashSet<string> _knownKeys = new(StringComparer.Ordinal);
    // Append-only rows are collected here, not in the change tracker: see FlushAsync.
    private readonly List<ChangeEvent> _newEvents = [];
    // The SHA-256 of each new event's bytes, in the order of _newEvents.
    private readonly List<byte[]> _newRawHashes = [];
    private readonly List<FieldChange> _newFieldChanges = [];
    private readonly List<EntityVersion> _newVersions = [];
    private readonly Dictionary<(ChangeCountDimension, ChangeCountSpan, DateTime, string), long> _counts = [];
    private Dictionary<Guid, TrackedEntity> _entities = [];
    private Dictionary<string, Actor> _actors = [];
    // What the group changed, written back as a whole on PostgreSQL.
    private readonly HashSet<TrackedEntity> _entitiesChanged = [];
    private readonly HashSet<Actor> _actorsChanged = [];
    private long _sequence;
    // The counter as locked (with the tree's size and right edge) and the tiles still filling.
    private SequenceCounter _counter = null!;
    private List<LogTile> _partialTiles = [];
    private LogAppend? _log;

    /// What the group stored, once it committed; null when it stored no event.
    public CommittedGroup? Committed { get; private set; }

    public async Task<IReadOnlyList<DeliveryOutcome>> WriteAsync(IReadOnlyList<IncomingDelivery> deliveries, CancellationToken cancellationToken)
    {
        // Change detection runs once, before SaveChanges, not on every look-up.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var messages = deliveries.SelectMany(d => d.Events).ToList();
        long start;
        if (_batched)
            start = _sequence = await LoadBatchedAsync(messages, cancellationToken);
        else
        {
            _counter = await db.LockSequenceAsync(cancellationToken);
            _partialTiles = await db.PartialTilesAsync(cancellationToken);
            start = _sequence = _counter.Value;
            await LoadExistingAsync(messages, cancellationToken);
        }

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
                sequences.Add(await ApplyAsync(message, delivery, cancellationToken));
            }
            var rejected = delivery.Rejected.Select(part => AddRejected(delivery, part)).ToList();
            if (delivery.ReplayOf is { } replayed)
                await MarkReplayedAsync(replayed, sequences, cancellationToken);
            results.Add((sequences, duplicates, rejected));
        }

        if (_sequence != start)
            _log = AppendToLog();
        if (_batched)
            await FlushBatchedAsync(cancellationToken);
        else
        {
            if (_log is not null)
            {
                var counter = new SequenceCounter { Id = SequenceCounter.SingletonId, Value = _sequence, TreeSize = _log.Size, TreeEdge = _log.Edge };
                var entry = db.Attach(counter);
                entry.Property(c => c.Value).IsModified = true;
                entry.Property(c => c.TreeSize).IsModified = true;
                entry.Property(c => c.TreeEdge).IsModified = true;
            }
            await FlushAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        if (_sequence != start)
            Committed = new CommittedGroup(start + 1, _sequence, _newEvents, _newFieldChanges, _deletionsAdded, _entities, _actors);

        return results.Select(r => new DeliveryOutcome(r.Sequences.Count, r.Duplicates, r.Sequences, r.Rejected.Select(x => x.Id).ToList(), r.Rejected.Select(x => x.Reason).ToList())).ToList();
    }

    private static List<string> KeysOf(List<ChangeEventMessage> messages) => messages.Select(m => m.EventKey).Distinct().ToList();

    private static List<Guid> EntityIdsOf(List<ChangeEventMessage> messages) =>
        messages.Where(m => EventTypes.TouchesEntity(m.EventType)).Select(m => m.EntityId).Distinct().ToList();

    private static List<string> ActorNamesOf(List<ChangeEventMessage> messages) => messages.SelectMany(ActorNames).Distinct(StringComparer.Ordinal).ToList();

    /// Each new event's leaf, appended to the tree as the counter left it. The tree covers every
    /// stored event: a store made before the log is brought under it at start-up
    /// (TransparencyLogCatchUp), and nothing is stored until it is.
    private LogAppend AppendToLog()
    {
        if (_counter.TreeSize != _counter.Value)
            throw new InvalidOperationException(
                $"The transparency log covers {_counter.TreeSize} of the {_counter.Value} stored events; events are stored again once start-up has brought it up to date.");
        var log = new LogAppend(_counter.TreeSize, _counter.TreeEdge, _partialTiles);
        var changes = _newFieldChanges.ToLookup(f => f.EventSequence);
        for (var i = 0; i < _newEvents.Count; i++)
            log.Append(EventLeaf.Hash(_newEvents[i], _newRawHashes[i], changes[_newEvents[i].Sequence]));
        return log;
    }

    /// The counter's lock, the tiles still filling and the three look-ups, in one round trip.
    private async Task<long> LoadBatchedAsync(List<ChangeEventMessage> messages, CancellationToken cancellationToken)
    {
        await using var batch = NewBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand(HistoryDbContext.LockSequenceSql));
        batch.BatchCommands.Add(new NpgsqlBatchCommand(HistoryDbContext.PartialTilesSql));
        batch.BatchCommands.Add(PostgresRows.SelectExisting<ChangeEvent, string>(db, nameof(ChangeEvent.EventKey), KeysOf(messages)));
        batch.BatchCommands.Add(PostgresRows.SelectWhereAny<TrackedEntity, Guid>(db, nameof(TrackedEntity.EntityId), EntityIdsOf(messages)));
        batch.BatchCommands.Add(PostgresRows.SelectWhereAny<Actor, string>(db, nameof(Actor.Name), ActorNamesOf(messages)));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        _counter = HistoryDbContext.ReadCounter(reader);
        await reader.NextResultAsync(cancellationToken);
        _partialTiles = await HistoryDbContext.ReadTilesAsync(reader, cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            _knownKeys.Add(reader.GetString(0));
        await reader.NextResultAsync(cancellationToken);
        _entities = (await PostgresRows.ReadAllAsync<TrackedEntity>(db, reader, cancellationToken)).ToDictionary(e => e.EntityId);
        await reader.NextResultAsync(cancellationToken);
        _actors = (await PostgresRows.ReadAllAsync<Actor>(db, reader, cancellationToken)).ToDictionary(a => a.Name, StringComparer.Ordinal);
        return _counter.Value;
    }

    /// Every row the group adds or changes, in one round trip; what is rare (deletions,
    /// rejected deliveries, versions rewritten out of order) follows through the change tracker.
    private async Task FlushBatchedAsync(CancellationToken cancellationToken)
    {
        await using var batch = NewBatch();
        // The connection plans each statement for its values (plan_cache_mode, see
        // StorageConnection), which reads and the look-ups need (with generic plans the look-ups
        // took 23 ms a group instead of 3). These writes have one plan whatever their values:
        // from here to the commit PostgreSQL may keep each one's generic plan.
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL plan_cache_mode = auto"));
        // Parents first: field changes refer to their event.
        if (_newEvents.Count > 0)
            batch.BatchCommands.Add(PostgresRows.InsertMany(db, _newEvents));
        if (_newFieldChanges.Count > 0)
            batch.BatchCommands.Add(PostgresRows.InsertMany(db, _newFieldChanges));
        if (_newVersions.Count > 0)
            batch.BatchCommands.Add(PostgresRows.InsertMany(db, _newVersions));
        if (_entitiesChanged.Count > 0)
            batch.BatchCommands.Add(PostgresRows.UpsertMany(db, _entitiesChanged));
        if (_actorsChanged.Count > 0)
            batch.BatchCommands.Add(PostgresRows.UpsertMany(db, _actorsChanged));
        if (_counts.Count > 0)
            batch.BatchCommands.Add(PostgresRows.AddMany(db, CountRows()));
        if (_log is not null)
        {
            // A tile filled by this group replaces the rows the groups before added to it.
            foreach (var (level, index) in _log.Filled())
                batch.BatchCommands.Add(new NpgsqlBatchCommand($"DELETE FROM log_tiles WHERE level = {level} AND \"index\" = {index}"));
            batch.BatchCommands.Add(PostgresRows.InsertMany(db, _log.Rows()));
            var counter = new NpgsqlBatchCommand($"UPDATE sequence_counter SET value = $1, tree_size = $2, tree_edge = $3 WHERE id = {SequenceCounter.SingletonId}");
            counter.Parameters.Add(new NpgsqlParameter { Value = _sequence });
            counter.Parameters.Add(new NpgsqlParameter { Value = _log.Size });
            counter.Parameters.Add(new NpgsqlParameter { Value = _log.Edge });
            batch.BatchCommands.Add(counter);
            var notify = new NpgsqlBatchCommand("SELECT pg_notify($1, $2)");
            notify.Parameters.Add(new NpgsqlParameter { Value = CommitSignal.PostgresChannel });
            notify.Parameters.Add(new NpgsqlParameter { Value = signal.NotificationPayload(_sequence) });
            batch.BatchCommands.Add(notify);
        }
        if (batch.BatchCommands.Count > 0)
            await batch.ExecuteNonQueryAsync(cancellationToken);
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(cancellationToken);
    }

    private NpgsqlBatch NewBatch() =>
        new((NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction());

    private async Task LoadExistingAsync(List<ChangeEventMessage> messages, CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
            return;
        var keys = KeysOf(messages);
        _knownKeys.UnionWith(await db.ChangeEvents.Where(e => keys.Contains(e.EventKey)).Select(e => e.EventKey).ToListAsync(cancellationToken));

        var entityIds = EntityIdsOf(messages);
        if (entityIds.Count > 0)
            _entities = await db.Entities.Where(e => entityIds.Contains(e.EntityId)).ToDictionaryAsync(e => e.EntityId, cancellationToken);

        var names = ActorNamesOf(messages);
        if (names.Count > 0)
            _actors = await db.Actors.Where(a => names.Contains(a.Name)).ToDictionaryAsync(a => a.Name, StringComparer.Ordinal, cancellationToken);
    }

    private async Task<long> ApplyAsync(ChangeEventMessage message, IncomingDelivery delivery, CancellationToken cancellationToken)
    {
        var sequence = ++_sequence;
        // An event that names no fqn (some releases drop it) takes the one already known.
        var fqn = message.Fqn ?? _entities.GetValueOrDefault(message.EntityId)?.Fqn;
        var changes = message.HasChangeDescription ? message.FieldChanges : await DeriveChangesAsync(message, cancellationToken);
        var firstChange = _newFieldChanges.Count;
        var semanticChange = AddFieldChanges(message, fqn, sequence, changes, derived: !message.HasChangeDescription);
        var categories = _newFieldChanges.GetRange(firstChange, _newFieldChanges.Count - firstChange).Select(f => f.Category).ToList();
        var row = message.Columns.Copy();
        row.Sequence = sequence;
        row.EntityFqn = fqn;
        // Cut to PostgreSQL's precision, so that both stores hold (and the leaf covers) the same instant.
        row.ReceivedAt = EventLeaf.ToMicroseconds(delivery.ReceivedAt);
        row.SemanticChange = semanticChange;
        row.Origin = delivery.Origin;
        _newEvents.Add(row);
        _newRawHashes.Add(message.RawHash);

        if (EventTypes.TouchesEntity(message.EventType))
            await ApplyToEntityAsync(message, sequence, semanticChange, cancellationToken);
        CountActors(message);
        CountChange(message, semanticChange, categories);
        return sequence;
    }

    /// Adds the stored event to the group's counts for the change_counts rollup, with its user's
    /// bot flag and its entity's service as they stand once the event is applied.
    private void CountChange(ChangeEventMessage message, SemanticChange semanticChange, IReadOnlyList<FieldCategory> categories)
    {
        var isBot = message.UserName is { } user && _actors.GetValueOrDefault(user)?.IsBot == true;
        var service = _entities.GetValueOrDefault(message.EntityId)?.Service;
        foreach (var (dimension, key) in ChangeCounting.KeysOf(message.EventType, message.EntityType, message.UserName, message.ImpersonatedBy, service, isBot, semanticChange, categories))
        {
            foreach (var span in ChangeCounting.SpansOf(dimension))
            {
                var cell = (dimension, span, ChangeCounting.StartOf(message.Timestamp, span), key);
                _counts[cell] = _counts.GetValueOrDefault(cell) + 1;
            }
        }
    }

    private List<ChangeCount> CountRows() =>
        _counts.Select(c => new ChangeCount { Dimension = c.Key.Item1, Span = c.Key.Item2, Start = c.Key.Item3, Key = c.Key.Item4, Count = c.Value }).ToList();

    /// Adds the event's field changes; returns the event's semantic step.
    private SemanticChange AddFieldChanges(ChangeEventMessage message, string? fqn, long sequence, IReadOnlyList<FieldChangeMessage> changes, bool derived)
    {
        var ordinal = 0;
        var steps = new List<SemanticChange>(changes.Count);
        foreach (var change in changes)
        {
            var classification = FieldChangeClassifier.Classify(change.Path, message.EntityType, change.OldValueJson, change.NewValueJson);
            var step = SemanticChangeClassifier.Classify(change.Path, change.ChangeType, classification);
            steps.Add(step);
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
                SemanticChange = step,
            });
        }
        return SemanticChangeClassifier.OfEvent(message.EventType, steps);
    }

    /// SQLite: every row through the change tracker, in one SaveChanges.
    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        db.ChangeEvents.AddRange(_newEvents);
        db.FieldChanges.AddRange(_newFieldChanges);
        db.EntityVersions.AddRange(_newVersions);
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(cancellationToken);
        if (_log is not null)
            await db.SaveTilesAsync(_log.Filled(), _log.Rows(), cancellationToken);
        foreach (var count in CountRows())
        {
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO change_counts (dimension, span, start, \"key\", \"count\") VALUES ({(short)count.Dimension}, {(short)count.Span}, {count.Start}, {count.Key}, {count.Count}) ON CONFLICT (dimension, span, start, \"key\") DO UPDATE SET \"count\" = \"count\" + excluded.\"count\"",
                cancellationToken);
        }
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
