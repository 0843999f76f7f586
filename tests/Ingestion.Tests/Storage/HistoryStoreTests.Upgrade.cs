using System.Text.Json;
using HistoryGraph.Ingestion.OpenMetadata;
using HistoryGraph.Ingestion.Payloads;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HistoryGraph.Ingestion.Tests.Storage;

// Upgrading a store written by an earlier release: every row stays readable.
public abstract partial class HistoryStoreTests
{
    [Fact]
    public async Task a_store_of_the_earlier_layout_keeps_every_snapshot_and_payload_through_the_upgrade()
    {
        var contexts = await fixture.CreateFreshStoreAsync(migrate: false);
        var id = Guid.NewGuid();
        var created = OmEvent.Created(id, "svc.db.s.upgraded") with { Entity = new() { ["description"] = "first" } };
        var edited = created.Next().Set("description", "second") with { EntityAsObject = true };
        var deleted = edited.Next("entitySoftDeleted").Set("deleted", true);
        var events = new[] { created, edited, deleted };

        await using (var db = contexts.CreateDbContext())
        {
            // The layout before snapshots were kept once: jsonb payloads and snapshot copies.
            await db.GetService<IMigrator>().MigrateAsync(db.Database.GetMigrations().Single(m => m.EndsWith("_EntityHistoryIndexes", StringComparison.Ordinal)));
            var json = db.Provider == StorageProvider.PostgreSql ? "CAST({0} AS jsonb)" : "{0}";
            string Sql(string text) => text.Replace("JSON", json, StringComparison.Ordinal);
            object noNames = db.Provider == StorageProvider.PostgreSql ? Array.Empty<string>() : "[]";
            for (var i = 0; i < events.Length; i++)
            {
                var e = events[i];
                var at = DateTime.UnixEpoch.AddMilliseconds(e.Timestamp);
                await db.Database.ExecuteSqlRawAsync(
                    Sql("INSERT INTO change_events (sequence, event_key, event_type, entity_type, entity_id, entity_fqn, user_name, timestamp, received_at, current_version, payload) VALUES ({1}, {2}, {3}, 'table', {4}, {5}, 'admin', {6}, {6}, {7}, JSON)"),
                    e.ToJson(), (long)(i + 1), e.Id!, e.EventType, id, e.Fqn!, at, e.CurrentVersion!);
                if (i < 2)
                {
                    await db.Database.ExecuteSqlRawAsync(
                        Sql("INSERT INTO entity_versions (entity_id, version, entity_type, fqn, snapshot, changed_at, changed_by, event_type, event_sequence) VALUES ({1}, {2}, 'table', {3}, JSON, {4}, 'admin', {5}, {6})"),
                        Snapshot(e), id, e.CurrentVersion!, e.Fqn!, at, e.EventType, (long)(i + 1));
                }
            }
            var deletedAt = DateTime.UnixEpoch.AddMilliseconds(deleted.Timestamp);
            await db.Database.ExecuteSqlRawAsync(
                Sql("INSERT INTO entities (entity_id, entity_type, fqn, name, tag_fqns, owner_names, version, snapshot, lifecycle, created_at, updated_at, state_timestamp, state_event_sequence) VALUES ({1}, 'table', {2}, 'upgraded', {3}, {3}, {4}, JSON, 'SOFT_DELETED', {5}, {5}, {5}, 3)"),
                Snapshot(deleted), id, deleted.Fqn!, noNames, deleted.CurrentVersion!, deletedAt);
            await db.Database.ExecuteSqlRawAsync(
                Sql("INSERT INTO deletions (event_sequence, entity_id, entity_type, fqn, kind, deleted_at, deleted_by, version, last_snapshot) VALUES (3, {1}, 'table', {2}, 'SOFT', {3}, 'admin', {4}, JSON)"),
                Snapshot(edited), id, deleted.Fqn!, deletedAt, deleted.CurrentVersion!);
            await db.Database.ExecuteSqlRawAsync("UPDATE sequence_counter SET value = 3");
        }

        await using (var db = contexts.CreateDbContext())
            await db.Database.MigrateAsync();

        await using (var db = contexts.CreateDbContext())
        {
            var stored = await db.ChangeEvents.OrderBy(e => e.Sequence).ToListAsync();
            Assert.Equal(events.Select(e => e.Id), stored.Select(e => JsonDocument.Parse(Codec.Unpack(e.Payload)).RootElement.GetProperty("id").GetString()));
            var versions = await db.EntityVersions.Where(v => v.EntityId == id).OrderBy(v => v.Version).ToListAsync();
            Assert.Equal(["first", "second"], versions.Select(v => Description(EventPayload.Snapshot(Codec.Unpack(stored[(int)v.EventSequence - 1].Payload)))));
            var entity = await db.Entities.SingleAsync(e => e.EntityId == id);
            Assert.Equal(3, entity.SnapshotEventSequence);
            // The deletion kept the earlier snapshot: it points at the event that carried it.
            var deletion = await db.Deletions.SingleAsync(d => d.EventSequence == 3);
            Assert.Equal(2, deletion.SnapshotEventSequence);
        }

        // The upgraded store takes new events, written in the compact form.
        await using var session = new StoreSession(contexts);
        var restored = deleted.Next("entityRestored").Set("deleted", false);
        Assert.Equal([4L], (await session.DeliverAsync(restored.ToJson())).Sequences);
        await using (var db = contexts.CreateDbContext())
        {
            var payload = await db.ChangeEvents.Where(e => e.Sequence == 4).Select(e => e.Payload).SingleAsync();
            Assert.Equal(0x01, payload[0]);
            Assert.True(payload.Length < restored.ToBytes().Length);
            Assert.Equal(restored.ToJson(), Codec.Text(payload));
            Assert.Equal(4, (await db.Entities.SingleAsync(e => e.EntityId == id)).SnapshotEventSequence);
        }
    }

    private static string Snapshot(OmEvent e) => EventPayload.Snapshot(e.ToBytes())!;

    private static readonly PayloadCodec Codec = new();

    private static string? Description(string? snapshot) =>
        snapshot is null ? null : JsonDocument.Parse(snapshot).RootElement.GetProperty("description").GetString();
}
