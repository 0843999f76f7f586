using HistoryGraph.Ingestion.History;
using HistoryGraph.Ingestion.OpenMetadata;
using HistoryGraph.Ingestion.Storage;
using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.Ingestion.Writing;

// Entity state, versions and deletions. Events may arrive in any order: the current state
// follows the highest (version, timestamp) seen, a version's snapshot is the one of the
// latest event at that version (a hard delete repeats the version and never rewrites it),
// and a hard delete is final whenever it arrives.
internal sealed partial class DeliveryGroupWriter
{
    private readonly Dictionary<(Guid, decimal), EntityVersion> _versionsAdded = [];
    // The snapshots of this group's versions, for deriving field changes without reading them back.
    private readonly Dictionary<long, string> _snapshotsAdded = [];
    private readonly List<Deletion> _deletionsAdded = [];
    private readonly List<(ChangeEventMessage Message, long Sequence)> _restoresAdded = [];

    private async Task ApplyToEntityAsync(ChangeEventMessage message, long sequence, SemanticChange semanticChange, CancellationToken cancellationToken)
    {
        var entity = _entities.GetValueOrDefault(message.EntityId);
        if (entity is not null)
            _entitiesChanged.Add(entity);
        var version = message.Version;
        var isHardDelete = message.EventType == EventTypes.EntityDeleted;

        if (message.Entity is { } carried)
            _snapshotsAdded[sequence] = carried.Json;
        if (message.Entity is { } snapshot && version is { } v)
            await RecordVersionAsync(message, snapshot, v, sequence, semanticChange, entity, insertOnly: isHardDelete, cancellationToken);

        if (entity is null)
        {
            entity = new TrackedEntity { EntityId = message.EntityId, EntityType = message.EntityType, Lifecycle = Lifecycle.Active };
            _entities[message.EntityId] = entity;
            _entitiesChanged.Add(entity);
            if (!_batched)
                db.Entities.Add(entity);
            ApplyState(entity, message, sequence);
        }
        else if (IsAtLeastAsNew(message, entity))
            ApplyState(entity, message, sequence);

        if (message.EventType == EventTypes.EntityCreated || entity.CreatedAt is null || message.Timestamp < entity.CreatedAt)
        {
            entity.CreatedAt = message.Timestamp;
            entity.CreatedBy = message.UserName;
        }

        switch (message.EventType)
        {
            case EventTypes.EntityDeleted:
                entity.Lifecycle = Lifecycle.HardDeleted;
                AddDeletion(message, sequence, DeletionKind.Hard, entity);
                break;
            case EventTypes.EntitySoftDeleted:
                var deletion = AddDeletion(message, sequence, DeletionKind.Soft, entity);
                await CloseWithLaterRestoreAsync(deletion, cancellationToken);
                break;
            case EventTypes.EntityRestored:
                _restoresAdded.Add((message, sequence));
                await CloseOpenSoftDeletionAsync(message, sequence, cancellationToken);
                break;
        }
    }

    private static bool IsAtLeastAsNew(ChangeEventMessage message, TrackedEntity entity)
    {
        var comparison = Nullable.Compare(message.Version, entity.Version);
        return comparison > 0 || (comparison == 0 && message.Timestamp >= entity.StateTimestamp);
    }

    private static void ApplyState(TrackedEntity entity, ChangeEventMessage message, long sequence)
    {
        entity.EntityType = message.EntityType;
        entity.Fqn = message.Fqn ?? entity.Fqn;
        entity.Version = message.Version ?? entity.Version;
        entity.StateTimestamp = message.Timestamp;
        entity.StateEventSequence = sequence;
        entity.UpdatedAt = message.Entity?.UpdatedAt ?? message.Timestamp;
        entity.UpdatedBy = message.Entity?.UpdatedBy ?? message.UserName;
        entity.FollowerNames = Followers.After(entity.FollowerNames, message.Entity?.FollowerNames, Followers.ChangesOf(message.FieldChanges));

        if (message.Entity is { } s)
        {
            entity.Name = s.Name;
            entity.DisplayName = s.DisplayName;
            entity.Description = s.Description;
            entity.Owners = s.OwnersJson;
            entity.Tags = s.TagsJson;
            entity.Tier = s.Tier;
            entity.TagFqns = [.. s.TagFqns];
            entity.OwnerNames = [.. s.OwnerNames];
            entity.Service = s.Service ?? (message.EntityType.EndsWith("Service", StringComparison.Ordinal) ? entity.Fqn : null);
            entity.SnapshotEventSequence = sequence;
        }

        // A hard delete is final: nothing that arrives later brings the entity back.
        if (entity.Lifecycle == Lifecycle.HardDeleted)
            return;
        entity.Lifecycle = message.EventType switch
        {
            EventTypes.EntitySoftDeleted => Lifecycle.SoftDeleted,
            EventTypes.EntityRestored => Lifecycle.Active,
            _ when message.Entity?.Deleted == true => Lifecycle.SoftDeleted,
            _ when message.Entity?.Deleted == false => Lifecycle.Active,
            _ => entity.Lifecycle,
        };
    }

    private async Task RecordVersionAsync(ChangeEventMessage message, EntitySnapshot snapshot, decimal version, long sequence, SemanticChange semanticChange,
        TrackedEntity? entity, bool insertOnly, CancellationToken cancellationToken)
    {
        // Every stored version is at most the entity's current version, so a higher one is new
        // and needs no look-up: the common, in-order case costs no query.
        var existing = _versionsAdded.GetValueOrDefault((message.EntityId, version));
        if (existing is null && entity?.Version is { } current && version <= current)
            existing = await db.EntityVersions.FirstOrDefaultAsync(x => x.EntityId == message.EntityId && x.Version == version, cancellationToken);

        if (existing is null)
        {
            var row = new EntityVersion
            {
                EntityId = message.EntityId,
                Version = version,
                EntityType = message.EntityType,
                Fqn = message.Fqn,
                ChangedAt = message.Timestamp,
                ChangedBy = message.UserName,
                ImpersonatedBy = message.ImpersonatedBy,
                EventType = message.EventType,
                EventSequence = sequence,
                SemanticChange = semanticChange,
                Lifecycle = LifecycleOf(message),
            };
            _versionsAdded[(message.EntityId, version)] = row;
            _newVersions.Add(row);
        }
        else if (!insertOnly && (message.Timestamp > existing.ChangedAt || existing.EventType == EventTypes.EntityDeleted))
        {
            // OpenMetadata merges a user's edits within a session into one version: the later
            // event's snapshot holds all of them and is the version's final content. A row made
            // by a hard delete that arrived first only stands in until the real event comes.
            existing.ChangedAt = message.Timestamp;
            existing.ChangedBy = message.UserName;
            existing.ImpersonatedBy = message.ImpersonatedBy;
            existing.EventType = message.EventType;
            existing.EventSequence = sequence;
            existing.SemanticChange = semanticChange;
            existing.Lifecycle = LifecycleOf(message);
        }
    }

    /// The lifecycle a version's event leaves the entity in: its type says so for deletes and
    /// restores, the snapshot's `deleted` flag for the rest.
    private static Lifecycle LifecycleOf(ChangeEventMessage message) => message.EventType switch
    {
        EventTypes.EntityDeleted => Lifecycle.HardDeleted,
        EventTypes.EntitySoftDeleted => Lifecycle.SoftDeleted,
        EventTypes.EntityRestored => Lifecycle.Active,
        _ => message.Entity?.Deleted == true ? Lifecycle.SoftDeleted : Lifecycle.Active,
    };

    private Deletion AddDeletion(ChangeEventMessage message, long sequence, DeletionKind kind, TrackedEntity entity)
    {
        var deletion = new Deletion
        {
            EventSequence = sequence,
            EntityId = message.EntityId,
            EntityType = message.EntityType,
            Fqn = message.Fqn ?? entity.Fqn,
            Kind = kind,
            DeletedAt = message.Timestamp,
            DeletedBy = message.UserName,
            Version = message.Version,
            SnapshotEventSequence = message.Entity is not null ? sequence : entity.SnapshotEventSequence,
        };
        _deletionsAdded.Add(deletion);
        db.Deletions.Add(deletion);
        return deletion;
    }

    // A restore closes the latest soft deletion before it that is still open.
    private async Task CloseOpenSoftDeletionAsync(ChangeEventMessage restore, long sequence, CancellationToken cancellationToken)
    {
        var stored = await db.Deletions
            .Where(d => d.EntityId == restore.EntityId && d.Kind == DeletionKind.Soft && d.RestoredAt == null && d.DeletedAt <= restore.Timestamp)
            .OrderByDescending(d => d.DeletedAt)
            .FirstOrDefaultAsync(cancellationToken);
        var open = _deletionsAdded
            .Where(d => d.EntityId == restore.EntityId && d.Kind == DeletionKind.Soft && d.RestoredAt is null && d.DeletedAt <= restore.Timestamp)
            .Append(stored)
            .OfType<Deletion>()
            .MaxBy(d => d.DeletedAt);
        if (open is not null)
            Close(open, restore, sequence);
    }

    // A soft delete that arrives after its own restore is closed by that restore at once.
    private async Task CloseWithLaterRestoreAsync(Deletion deletion, CancellationToken cancellationToken)
    {
        var restored = _restoresAdded
            .Where(r => r.Message.EntityId == deletion.EntityId && r.Message.Timestamp >= deletion.DeletedAt)
            .Select(r => (r.Message.Timestamp, r.Message.UserName, r.Sequence))
            .ToList();
        var stored = await db.ChangeEvents
            .Where(e => e.EntityId == deletion.EntityId && e.EventType == EventTypes.EntityRestored && e.Timestamp >= deletion.DeletedAt)
            .OrderBy(e => e.Timestamp)
            .Select(e => new { e.Timestamp, e.UserName, e.Sequence })
            .FirstOrDefaultAsync(cancellationToken);
        if (stored is not null)
            restored.Add((stored.Timestamp, stored.UserName, stored.Sequence));
        if (restored.Count == 0)
            return;
        var first = restored.MinBy(r => r.Timestamp);
        deletion.RestoredAt = first.Timestamp;
        deletion.RestoredBy = first.UserName;
        deletion.RestoreEventSequence = first.Sequence;
    }

    private static void Close(Deletion deletion, ChangeEventMessage restore, long sequence)
    {
        deletion.RestoredAt = restore.Timestamp;
        deletion.RestoredBy = restore.UserName;
        deletion.RestoreEventSequence = sequence;
    }

    /// Field changes for an event that came without a changeDescription: the difference
    /// between its snapshot and the snapshot of the version before it, when that is known.
    private async Task<IReadOnlyList<FieldChangeMessage>> DeriveChangesAsync(ChangeEventMessage message, CancellationToken cancellationToken)
    {
        if (message.Entity is not { } snapshot || message.Version is not { } version
            || message.EventType is EventTypes.EntityCreated or EventTypes.EntityDeleted
            || !EventTypes.TouchesEntity(message.EventType))
            return [];

        var previous = _versionsAdded.Values
            .Where(v => v.EntityId == message.EntityId && v.Version < version)
            .MaxBy(v => v.Version);
        var stored = await db.EntityVersions
            .Where(v => v.EntityId == message.EntityId && v.Version < version)
            .OrderByDescending(v => v.Version)
            .Select(v => new { v.Version, Payload = db.ChangeEvents.Where(e => e.Sequence == v.EventSequence).Select(e => e.Payload).FirstOrDefault() })
            .FirstOrDefaultAsync(cancellationToken);
        var baseline = previous is not null && (stored is null || previous.Version >= stored.Version)
            ? _snapshotsAdded[previous.EventSequence]
            : stored?.Payload is { } payload ? EventPayload.Snapshot(codec.Unpack(payload)) : null;
        return baseline is null ? [] : SnapshotDiff.Diff(baseline, snapshot.Json);
    }
}
