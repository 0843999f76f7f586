using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using HistoryGraph.Ingestion.OpenMetadata;
using HistoryGraph.Ingestion.Payloads;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Ingestion.Transparency;
using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.Transparency;

/// Checks the stored history against its transparency log (verifyHistory, the `verify`
/// command): every leaf of the range recomputed from the event's bytes and rows, the whole tree
/// rebuilt from its leaves (every stored tile and the right edge compared), every checkpoint (and
/// any given, held elsewhere) checked against the tree at its size and its signature against the
/// trusted keys, and the versions and entities derived from the range's events checked against
/// them. Sequences a purge removed are counted as redacted: their leaves stay in the tree.
public sealed class HistoryVerifier(IDbContextFactory<HistoryDbContext> contexts, LogKeys keys, PayloadCodec codec)
{
    private const int TilesPerRead = 16;

    public async Task<VerificationReport> VerifyAsync(long? fromSequence, long? toSequence, IReadOnlyList<string> givenCheckpoints, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var counter = await db.SequenceCounter.AsNoTracking().SingleAsync(c => c.Id == SequenceCounter.SingletonId, cancellationToken);
        var size = counter.TreeSize;
        var storedEdge = TryEdge(counter);
        var lastEvent = await db.ChangeEvents.MaxAsync(e => (long?)e.Sequence, cancellationToken) ?? 0;
        var from = Math.Max(1, fromSequence ?? 1);
        var to = toSequence ?? Math.Max(Math.Max(size, counter.Value), lastEvent);
        var report = new VerificationReport { FromSequence = from, ToSequence = to, TreeSize = size, RootHash = storedEdge?.Root() ?? [] };
        if (storedEdge is null)
            report.Add(VerificationProblemKind.TreeMismatch, null, $"The stored right edge ({counter.TreeEdge.Length} bytes) is not that of a tree of {size} leaves.");
        if (counter.Value != size)
            report.Add(VerificationProblemKind.EventNotInLog, Math.Min(counter.Value, size) + 1,
                $"The sequence counter is at {counter.Value} but the tree holds {size} leaves.");

        var expected = await ExpectedRootsAsync(db, report, size, givenCheckpoints, cancellationToken);
        var purged = await db.PurgedRanges.AsNoTracking().Where(r => r.ToSequence >= from && r.FromSequence <= to).OrderBy(r => r.FromSequence).ToListAsync(cancellationToken);
        report.RedactedRanges.AddRange(purged);

        var leaves = await CheckTreeAsync(db, report, size, storedEdge, expected, from, to, purged, cancellationToken);

        // Events past what the tree holds were never logged: inserted, or the tree rolled back.
        var beyond = Math.Min(size, leaves);
        foreach (var sequence in await db.ChangeEvents.AsNoTracking().Where(e => e.Sequence > beyond && e.Sequence >= from && e.Sequence <= to)
                     .OrderBy(e => e.Sequence).Select(e => e.Sequence).Take(VerificationReport.MaxProblems).ToListAsync(cancellationToken))
            report.Add(VerificationProblemKind.EventNotInLog, sequence, $"Event {sequence} is stored but the tree holds {beyond} leaves: it was never logged.");

        await CheckVersionsAsync(db, report, from, to, cancellationToken);
        await CheckEntitiesAsync(db, report, from, to, cancellationToken);
        return report;
    }

    private static CompactRange? TryEdge(SequenceCounter counter)
    {
        try
        {
            return CompactRange.Of(counter.TreeSize, LogAppend.Split(counter.TreeEdge));
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    /// The roots the tree must have at the sizes of the stored checkpoints and the given ones.
    private async Task<Dictionary<long, List<(string Label, byte[] Root)>>> ExpectedRootsAsync(HistoryDbContext db, VerificationReport report, long size,
        IReadOnlyList<string> given, CancellationToken cancellationToken)
    {
        var trusted = await keys.TrustedAsync(cancellationToken);
        var origin = await keys.OriginAsync(cancellationToken);
        var expected = new Dictionary<long, List<(string, byte[])>>();
        var stored = await db.LogCheckpoints.AsNoTracking().OrderBy(c => c.TreeSize).ThenBy(c => c.Id).ToListAsync(cancellationToken);
        foreach (var row in stored)
            Expect(row.Note, $"checkpoint {row.Id} (signed {row.CreatedAt.ToString("u", CultureInfo.InvariantCulture)})", row);
        for (var i = 0; i < given.Count; i++)
            Expect(given[i], given.Count == 1 ? "the checkpoint given" : $"checkpoint {i + 1} given", null);
        return expected;

        void Expect(string note, string label, LogCheckpoint? row)
        {
            report.CheckpointsChecked++;
            Checkpoint checkpoint;
            try
            {
                var signed = SignedNote.Parse(note);
                checkpoint = Checkpoint.Parse(signed.Text);
                if (signed.VerifiedBy(trusted).Count == 0)
                {
                    report.Add(VerificationProblemKind.CheckpointUntrusted, null,
                        $"{Capitalized(label)} is not signed by a trusted key (signed by {string.Join(", ", signed.Signatures.Select(s => s.KeyName))}).");
                    return;
                }
            }
            catch (FormatException ex)
            {
                report.Add(VerificationProblemKind.CheckpointUntrusted, null, $"{Capitalized(label)} does not read as a signed checkpoint: {ex.Message}");
                return;
            }
            if (checkpoint.Origin != origin)
            {
                report.Add(VerificationProblemKind.CheckpointUntrusted, null, $"{Capitalized(label)} is of log \"{checkpoint.Origin}\", not \"{origin}\".");
                return;
            }
            if (row is not null && (row.TreeSize != checkpoint.Size || !row.RootHash.AsSpan().SequenceEqual(checkpoint.RootHash)))
                report.Add(VerificationProblemKind.CheckpointMismatch, null, $"{Capitalized(label)}: its columns say size {row.TreeSize}, its signed note {checkpoint.Size} with another root.");
            if (checkpoint.Size > size)
            {
                report.Add(VerificationProblemKind.CheckpointBeyondTree, size + 1,
                    $"{Capitalized(label)} is of a tree of {checkpoint.Size} events, but the store's tree holds {size}: the log was rolled back.");
                return;
            }
            if (!expected.TryGetValue(checkpoint.Size, out var roots))
                expected[checkpoint.Size] = roots = [];
            roots.Add((label, checkpoint.RootHash));
        }
    }

    private static string Capitalized(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    /// Rebuilds the tree from its leaf tiles, comparing every kept hash, the roots at checkpoint
    /// sizes and the right edge, and checks the leaves of [from, to] against their events. Returns
    /// how many leaves the tiles hold.
    private async Task<long> CheckTreeAsync(HistoryDbContext db, VerificationReport report, long size, CompactRange? storedEdge,
        Dictionary<long, List<(string Label, byte[] Root)>> expected, long from, long to, List<PurgedRange> purged, CancellationToken cancellationToken)
    {
        var upper = (await db.LogTiles.AsNoTracking().Where(t => t.Level > 0).ToListAsync(cancellationToken)).GroupBy(t => ((int)t.Level, t.Index))
            .ToDictionary(t => t.Key, t => LogAppend.Join(t.ToList(), out var contiguous) is var joined && contiguous ? joined : null);
        var range = new CompactRange();
        var tileProblems = 0;
        long nextTile = 0;
        var leavesEnded = false;
        while (!leavesEnded)
        {
            var first = nextTile;
            var last = first + TilesPerRead;
            var rows = await db.LogTiles.AsNoTracking().Where(t => t.Level == 0 && t.Index >= first && t.Index < last).ToListAsync(cancellationToken);
            var tiles = rows.GroupBy(t => t.Index).OrderBy(t => t.Key)
                .Select(t => (Index: t.Key, Hashes: LogAppend.Join(t.ToList(), out var contiguous), Contiguous: contiguous)).ToList();
            if (tiles.Count < TilesPerRead)
                leavesEnded = true;
            foreach (var tile in tiles)
            {
                if (tile.Index != nextTile || !tile.Contiguous)
                {
                    report.Add(VerificationProblemKind.TileMismatch, nextTile * Tiles.Width + 1,
                        $"Leaf tile {nextTile} is missing or damaged: the tree cannot be rebuilt past leaf {nextTile * Tiles.Width}.");
                    leavesEnded = true;
                    break;
                }
                var hashes = LogAppend.Split(tile.Hashes);
                var start = tile.Index * Tiles.Width;
                foreach (var leaf in hashes)
                {
                    range.Append(leaf, (level, index, hash) =>
                    {
                        if (level == 0 || !Tiles.IsKept(level))
                            return;
                        var (tileLevel, tileIndex, position) = Tiles.Locate(level, index);
                        var kept = upper.GetValueOrDefault((tileLevel, tileIndex));
                        if ((kept is null || kept.Length < (position + 1) * MerkleHashes.Length
                                || !kept.AsSpan(position * MerkleHashes.Length, MerkleHashes.Length).SequenceEqual(hash)) && tileProblems++ < 10)
                            report.Add(VerificationProblemKind.TileMismatch, (index << level) + 1,
                                $"Tile {tileLevel}/{tileIndex} does not hold, at {position}, the hash of leaves {(index << level) + 1} to {(index + 1) << level} as they stand.");
                    });
                    if (expected.Remove(range.Size, out var roots))
                    {
                        var root = range.Root();
                        foreach (var (label, expectedRoot) in roots.Where(r => !r.Root.AsSpan().SequenceEqual(root)))
                            report.Add(VerificationProblemKind.CheckpointMismatch, range.Size,
                                $"{Capitalized(label)} signed a tree of {range.Size} events whose root is not the tree's now: the history up to event {range.Size} was rewritten.");
                    }
                }
                var (low, high) = (Math.Max(from, start + 1), Math.Min(to, start + hashes.Count));
                if (low <= high)
                    await CheckLeavesAsync(db, report, low, high, s => hashes[(int)(s - 1 - start)], purged, cancellationToken);
                nextTile++;
                if (hashes.Count < Tiles.Width)
                {
                    leavesEnded = true;
                    break;
                }
            }
        }

        if (range.Size != size)
            report.Add(VerificationProblemKind.TreeMismatch, Math.Min(range.Size, size) + 1, $"The leaf tiles hold {range.Size} leaves; the tree says {size}.");
        else if (storedEdge is not null && !LogAppend.Join(range.Hashes).AsSpan().SequenceEqual(LogAppend.Join(storedEdge.Hashes)))
            report.Add(VerificationProblemKind.TreeMismatch, null, "The stored right edge of the tree is not the one its leaves make.");
        foreach (var (checkpointSize, roots) in expected)
        {
            foreach (var (label, _) in roots)
                report.Add(VerificationProblemKind.CheckpointMismatch, checkpointSize, $"{Capitalized(label)} is of a tree of {checkpointSize} events, which the tiles do not reach.");
        }
        return range.Size;
    }

    /// The leaves of [from, to] recomputed from their events' bytes and rows.
    private async Task CheckLeavesAsync(HistoryDbContext db, VerificationReport report, long from, long to, Func<long, byte[]> leafOf, List<PurgedRange> purged,
        CancellationToken cancellationToken)
    {
        var events = await db.ChangeEvents.AsNoTracking().Where(e => e.Sequence >= from && e.Sequence <= to).ToDictionaryAsync(e => e.Sequence, cancellationToken);
        var changes = (await db.FieldChanges.AsNoTracking().Where(f => f.EventSequence >= from && f.EventSequence <= to).ToListAsync(cancellationToken)).ToLookup(f => f.EventSequence);
        for (var sequence = from; sequence <= to; sequence++)
        {
            if (!events.TryGetValue(sequence, out var row))
            {
                var redacted = purged.FirstOrDefault(r => r.FromSequence <= sequence && sequence <= r.ToSequence);
                if (redacted is null)
                    report.Add(VerificationProblemKind.MissingEvent, sequence, $"Event {sequence} is in the tree but not stored, and no purge removed it: it was deleted.");
                else if (changes[sequence].Any())
                    report.Add(VerificationProblemKind.LeafMismatch, sequence, $"Event {sequence} was purged (run {redacted.RunId}) but field changes of it are stored.");
                else
                    report.EventsRedacted++;
                continue;
            }
            report.EventsChecked++;
            byte[] raw;
            try
            {
                raw = codec.Unpack(row.Payload);
            }
            catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException or ArgumentException or FormatException)
            {
                report.Add(VerificationProblemKind.LeafMismatch, sequence, $"Event {sequence}'s payload cannot be unpacked: {ex.Message}");
                continue;
            }
            var stored = changes[sequence].ToList();
            if (!EventLeaf.Hash(row, SHA256.HashData(raw), stored).AsSpan().SequenceEqual(leafOf(sequence)))
                report.Add(VerificationProblemKind.LeafMismatch, sequence, $"Event {sequence} is not as it was logged: {Differences(row, stored, raw)}.");
        }
    }

    /// What differs between an event's rows and its bytes as delivered; when they agree, the
    /// bytes themselves (or a column they do not say) changed.
    private string Differences(ChangeEvent row, List<FieldChange> changes, byte[] raw)
    {
        ChangeEventMessage? message;
        try
        {
            using var document = JsonDocument.Parse(raw);
            (message, var problem) = DeliveryParser.ParseEvent(document.RootElement, codec);
            if (message is null)
                return $"its payload no longer reads as an event ({problem})";
        }
        catch (JsonException)
        {
            return "its payload is no longer JSON";
        }
        var differences = new List<string>();
        Compare("event_key", row.EventKey, message.EventKey);
        Compare("event_type", row.EventType, message.EventType);
        Compare("entity_type", row.EntityType, message.EntityType);
        Compare("entity_id", row.EntityId, message.EntityId);
        if (message.Fqn is not null)
            Compare("entity_fqn", row.EntityFqn, message.Fqn);
        Compare("user_name", row.UserName, message.UserName);
        Compare("impersonated_by", row.ImpersonatedBy, message.ImpersonatedBy);
        Compare("timestamp", row.Timestamp, message.Timestamp);
        Compare("previous_version", row.PreviousVersion, message.PreviousVersion);
        Compare("current_version", row.CurrentVersion, message.CurrentVersion);
        if (message.HasChangeDescription)
        {
            if (changes.Count != message.FieldChanges.Count)
                differences.Add($"{changes.Count} field changes are stored where the event as delivered has {message.FieldChanges.Count}");
            var ordered = changes.OrderBy(c => c.Ordinal).ToList();
            for (var i = 0; i < Math.Min(ordered.Count, message.FieldChanges.Count); i++)
            {
                var (stored, sent) = (ordered[i], message.FieldChanges[i]);
                Compare($"field change {stored.Ordinal} path", stored.Path, sent.Path);
                Compare($"field change {stored.Ordinal} change_type", stored.ChangeType, sent.ChangeType);
                Compare($"field change {stored.Ordinal} old_value", stored.OldValue, sent.OldValueJson);
                Compare($"field change {stored.Ordinal} new_value", stored.NewValue, sent.NewValueJson);
            }
        }
        return differences.Count > 0
            ? string.Join("; ", differences)
            : "its rows agree with its payload, so the payload itself, a column it does not say (received_at, origin, semantic_change, a derived field change) or the leaf was changed";

        void Compare<T>(string column, T stored, T sent)
        {
            if (!EqualityComparer<T>.Default.Equals(stored, sent))
                differences.Add($"{column} is {Shown(stored)} where the event as delivered says {Shown(sent)}");
        }
    }

    private static string Shown(object? value) => value switch
    {
        null => "null",
        DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => $"\"{(value.ToString()!.Length > 80 ? value.ToString()![..80] + "..." : value)}\"",
    };

    /// Every version made by an event of [from, to] agrees with that event.
    private async Task CheckVersionsAsync(HistoryDbContext db, VerificationReport report, long first, long last, CancellationToken cancellationToken)
    {
        var rows = from v in db.EntityVersions.AsNoTracking()
                   where v.EventSequence >= first && v.EventSequence <= last
                   join e in db.ChangeEvents.AsNoTracking() on v.EventSequence equals e.Sequence into events
                   from e in events.DefaultIfEmpty()
                   select new
                   {
                       Version = v,
                       Found = e != null,
                       EntityId = e == null ? Guid.Empty : e.EntityId,
                       EntityType = e == null ? null : e.EntityType,
                       EventType = e == null ? null : e.EventType,
                       Timestamp = e == null ? DateTime.MinValue : e.Timestamp,
                       UserName = e == null ? null : e.UserName,
                       ImpersonatedBy = e == null ? null : e.ImpersonatedBy,
                       CurrentVersion = e == null ? null : e.CurrentVersion,
                   };
        // Versions whose number is not the event's currentVersion are looked at in the event's
        // snapshot once the rows are read (one connection reads one thing at a time).
        var other = new List<(EntityVersion Version, List<string> Differences)>();
        await foreach (var r in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            report.VersionsChecked++;
            var v = r.Version;
            if (!r.Found)
            {
                report.Add(VerificationProblemKind.VersionMismatch, v.EventSequence, $"{Described(v)} points at event {v.EventSequence}, which is not stored.");
                continue;
            }
            var differences = new List<string>();
            if (r.EntityId != v.EntityId || r.EntityType != v.EntityType)
                differences.Add($"the event is of entity {r.EntityId} ({r.EntityType})");
            if (r.EventType != v.EventType)
                differences.Add($"event_type is \"{v.EventType}\", the event's \"{r.EventType}\"");
            if (r.Timestamp != v.ChangedAt)
                differences.Add($"changed_at is {Shown(v.ChangedAt)}, the event's {Shown(r.Timestamp)}");
            if (r.UserName != v.ChangedBy)
                differences.Add($"changed_by is {Shown(v.ChangedBy)}, the event's {Shown(r.UserName)}");
            if (r.ImpersonatedBy != v.ImpersonatedBy)
                differences.Add($"impersonated_by is {Shown(v.ImpersonatedBy)}, the event's {Shown(r.ImpersonatedBy)}");
            if (r.CurrentVersion != v.Version)
                other.Add((v, differences));
            else if (differences.Count > 0)
                AddVersionProblem(v, differences);
        }
        foreach (var (v, differences) in other)
        {
            var made = await SnapshotVersionAsync(db, v.EventSequence, cancellationToken);
            if (made != v.Version)
                differences.Add($"the event made version {Shown(made)}");
            if (differences.Count > 0)
                AddVersionProblem(v, differences);
        }

        void AddVersionProblem(EntityVersion v, List<string> differences) =>
            report.Add(VerificationProblemKind.VersionMismatch, v.EventSequence, $"{Described(v)} does not agree with event {v.EventSequence}: {string.Join("; ", differences)}.");
    }

    private static string Described(EntityVersion v) => $"Version {v.Version.ToString(CultureInfo.InvariantCulture)} of entity {v.EntityId}";

    private async Task<decimal?> SnapshotVersionAsync(HistoryDbContext db, long sequence, CancellationToken cancellationToken) =>
        SnapshotOf(await db.ChangeEvents.AsNoTracking().Where(e => e.Sequence == sequence).Select(e => e.Payload).SingleAsync(cancellationToken))?.Version;

    /// The entity a stored event carried, read as the writer read it; null when it carried none.
    private EntitySnapshot? SnapshotOf(byte[] payload)
    {
        try
        {
            if (EventPayload.Snapshot(codec.Unpack(payload)) is not { } json)
                return null;
            using var document = JsonDocument.Parse(json);
            return EntitySnapshotReader.Read(document.RootElement, json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// Every entity whose current state an event of [first, last] set agrees with it: the state
    /// event is stored and its own, and what the entity shows is what that event and the snapshot
    /// it shows say (as the writer derived it). Read a page of entities at a time.
    private async Task CheckEntitiesAsync(HistoryDbContext db, VerificationReport report, long first, long last, CancellationToken cancellationToken)
    {
        const int page = 500;
        // Each event sets the state of its one entity: the state's sequence is a key to page by.
        var after = long.MinValue;
        while (true)
        {
            var from = after;
            var entities = await db.Entities.AsNoTracking()
                .Where(t => ((t.StateEventSequence >= first && t.StateEventSequence <= last) || (t.SnapshotEventSequence >= first && t.SnapshotEventSequence <= last))
                    && t.StateEventSequence > from)
                .OrderBy(t => t.StateEventSequence).Take(page).ToListAsync(cancellationToken);
            if (entities.Count == 0)
                return;
            var sequences = entities.Select(t => t.StateEventSequence).Concat(entities.Select(t => t.SnapshotEventSequence).OfType<long>()).Distinct().ToList();
            var events = await db.ChangeEvents.AsNoTracking().Where(e => sequences.Contains(e.Sequence)).ToDictionaryAsync(e => e.Sequence, cancellationToken);
            foreach (var entity in entities)
            {
                report.EntitiesChecked++;
                var differences = EntityDifferences(entity, events);
                if (differences.Count > 0)
                    report.Add(VerificationProblemKind.EntityMismatch, entity.StateEventSequence,
                        $"Entity {entity.EntityId} ({entity.Fqn}) is not what its events say: {string.Join("; ", differences)}.");
            }
            after = entities[^1].StateEventSequence;
        }
    }

    private List<string> EntityDifferences(TrackedEntity entity, Dictionary<long, ChangeEvent> events)
    {
        var differences = new List<string>();
        if (!events.TryGetValue(entity.StateEventSequence, out var state))
            return [$"its current state comes from event {entity.StateEventSequence}, which is not stored"];
        if (state.EntityId != entity.EntityId)
            return [$"its current state comes from event {entity.StateEventSequence}, which is of entity {state.EntityId}"];
        if (state.Timestamp != entity.StateTimestamp)
            differences.Add($"state_timestamp is {Shown(entity.StateTimestamp)}, event {state.Sequence}'s {Shown(state.Timestamp)}");
        if (state.EntityFqn is not null && state.EntityFqn != entity.Fqn)
            differences.Add($"fqn is {Shown(entity.Fqn)}, event {state.Sequence}'s {Shown(state.EntityFqn)}");
        if (entity.SnapshotEventSequence is not { } snapshotSequence)
            return differences;
        if (!events.TryGetValue(snapshotSequence, out var carrier) || carrier.EntityId != entity.EntityId)
            return [.. differences, $"its snapshot is event {snapshotSequence}'s, which is not stored or not its own"];
        if (SnapshotOf(carrier.Payload) is not { } snapshot)
            return [.. differences, $"event {snapshotSequence}, its snapshot, carries no entity"];
        void Compare(string column, object? shown, object? said)
        {
            if (!Equals(shown, said))
                differences.Add($"{column} is {Shown(shown)} where the snapshot of event {snapshotSequence} says {Shown(said)}");
        }
        Compare("name", entity.Name, snapshot.Name);
        Compare("display_name", entity.DisplayName, snapshot.DisplayName);
        Compare("description", entity.Description, snapshot.Description);
        Compare("owners", entity.Owners, snapshot.OwnersJson);
        Compare("tags", entity.Tags, snapshot.TagsJson);
        Compare("tier", entity.Tier, snapshot.Tier);
        if (!entity.TagFqns.SequenceEqual(snapshot.TagFqns) || !entity.OwnerNames.SequenceEqual(snapshot.OwnerNames))
            differences.Add($"the tag or owner names are not those of the snapshot of event {snapshotSequence}");
        if (snapshotSequence == entity.StateEventSequence)
        {
            Compare("updated_at", entity.UpdatedAt, snapshot.UpdatedAt ?? state.Timestamp);
            Compare("updated_by", entity.UpdatedBy, snapshot.UpdatedBy ?? state.UserName);
        }
        return differences;
    }
}
