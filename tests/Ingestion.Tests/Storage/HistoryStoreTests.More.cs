using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Ingestion.Writing;
using HistoryGraph.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace HistoryGraph.Ingestion.Tests.Storage;

public abstract partial class HistoryStoreTests
{
    [Fact]
    public async Task a_follower_change_at_the_same_version_is_kept_without_a_new_version()
    {
        var created = OmEvent.Created(Guid.NewGuid(), "looker.followed", 0.5m);
        var followed = created with
        {
            Id = Guid.NewGuid().ToString(), EventType = "entityUpdated", PreviousVersion = 0.5m, Timestamp = created.Timestamp + 5_000, Entity = null,
            WithChangeDescription = true, Changes = [("fieldsAdded", "followers", null, JsonValue.Create("[{\"id\":\"e1\",\"type\":\"user\",\"name\":\"kim\"}]"))],
        };
        await Deliver(created);
        await Deliver(followed);

        var entity = await EntityAsync(created.EntityId);
        Assert.Equal(0.5m, entity.Version);
        Assert.Equal(0.5m, JsonDocument.Parse(await SnapshotOfEventAsync(entity.SnapshotEventSequence)).RootElement.GetProperty("version").GetDecimal());
        Assert.Single(await QueryAsync(db => db.EntityVersions.Where(v => v.EntityId == created.EntityId)));
        var change = Assert.Single(await QueryAsync(db => db.FieldChanges.Where(f => f.EntityId == created.EntityId)));
        Assert.Equal((FieldCategory.Followers, ChangeType.Added, false), (change.Category, change.ChangeType, change.Derived));
    }

    [Fact]
    public async Task field_changes_are_derived_from_snapshots_when_the_event_has_no_change_description()
    {
        var created = OmEvent.Created(Guid.NewGuid(), "svc.db.s.derived") with
        {
            Entity = new JsonObject { ["description"] = "first", ["columns"] = new JsonArray(new JsonObject { ["name"] = "id", ["dataType"] = "INT" }) },
        };
        var updated = created.Next() with { WithChangeDescription = false };
        updated = updated with
        {
            Entity = new JsonObject
            {
                ["description"] = "second",
                ["tags"] = new JsonArray(new JsonObject { ["tagFQN"] = "PII.Sensitive", ["source"] = "Classification" }),
                ["columns"] = new JsonArray(new JsonObject { ["name"] = "id", ["dataType"] = "BIGINT" }),
            },
        };
        await Deliver(created);
        await Deliver(updated);

        var changes = await QueryAsync(db => db.FieldChanges.Where(f => f.EntityId == created.EntityId).OrderBy(f => f.Ordinal));
        Assert.All(changes, c => Assert.True(c.Derived));
        Assert.Equal(
            [
                ("description", ChangeType.Updated, FieldCategory.Description),
                ("tags", ChangeType.Added, FieldCategory.Tags),
                ("columns.id.dataType", ChangeType.Updated, FieldCategory.Schema),
            ],
            changes.Select(c => (c.Path, c.ChangeType, c.Category)));
        Assert.Equal("id", changes[2].Column);
    }

    [Fact]
    public async Task actors_are_counted_and_bots_recognised()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        string person = $"jane-{suffix}", bot = $"ingestion-{suffix}-bot", service = $"svc-{suffix}";
        var created = OmEvent.Created(Guid.NewGuid(), "svc.db.s.actors") with { UserName = person };
        await Deliver(created);
        await Deliver(created.Next().Set("description", "a") with { UserName = bot });
        await Deliver(created.Next().Next().Set("description", "b") with { UserName = person });
        await Deliver(new OmEvent { EventType = "entityCreated", EntityType = "user", Fqn = service, UserName = "admin", Entity = new JsonObject { ["name"] = service, ["isBot"] = true } });
        var impersonated = new OmEvent { UserName = person }.ToJson().Replace("\"userName\"", $"\"impersonatedBy\":\"{bot}\",\"userName\"");
        await Deliver(impersonated);
        // An agent not named as a bot is one all the same: only bots act for people.
        var agent = $"claude-{suffix}";
        await Deliver(created.Next().Next().Next().Set("description", "c") with { UserName = person, ImpersonatedBy = agent });

        var actors = (await QueryAsync(db => db.Actors.Where(a => a.Name.EndsWith(suffix) || a.Name.EndsWith(suffix + "-bot")))).ToDictionary(a => a.Name);
        Assert.Equal((4L, false), (actors[person].ChangeCount, actors[person].IsBot));
        Assert.Equal((0L, true), (actors[agent].ChangeCount, actors[agent].IsBot));
        Assert.Equal(DateTime.UnixEpoch.AddMilliseconds(created.Timestamp), actors[person].FirstSeenAt);
        Assert.Equal((1L, true), (actors[bot].ChangeCount, actors[bot].IsBot));
        Assert.Equal((0L, true), (actors[service].ChangeCount, actors[service].IsBot));
    }

    [Fact]
    public async Task an_event_without_an_fqn_takes_the_one_known_for_its_entity()
    {
        var created = OmEvent.Created(Guid.NewGuid(), "svc.db.s.\"dotted.name\"");
        var anonymous = created.Next().Set("description", "x") with { Fqn = null, Entity = null };
        await Deliver(created);
        await Deliver(anonymous);
        var stored = (await QueryAsync(db => db.ChangeEvents.Where(e => e.EventKey == anonymous.Id))).Single();
        Assert.Equal("svc.db.s.\"dotted.name\"", stored.EntityFqn);
        Assert.Equal(stored.EntityFqn, (await QueryAsync(db => db.FieldChanges.Where(f => f.EventSequence == stored.Sequence))).Single().EntityFqn);
    }

    [Fact]
    public async Task a_large_batch_is_stored_field_for_field()
    {
        // 24 events: on PostgreSQL the group's rows go by binary COPY instead of INSERTs.
        var created = OmEvent.Created(Guid.NewGuid(), "svc.db.s.\"large.batch\"") with { UserName = "bulk-user" };
        var events = new List<OmEvent> { created };
        for (var i = 1; i < 24; i++)
            events.Add(events[^1].Next().Set("description", $"édition {i} ✓"));
        var noId = events[^1].Next() with { Id = null, WithChangeDescription = false };
        events.Add(noId);
        var outcome = await Deliver(OmEvent.Batch([.. events]));
        Assert.Equal(25, outcome.Stored);

        var stored = await QueryAsync(db => db.ChangeEvents.Where(e => e.EntityId == created.EntityId).OrderBy(e => e.Sequence));
        Assert.Equal(outcome.Sequences, stored.Select(e => e.Sequence));
        var last = stored[23];
        Assert.Equal((events[23].Id, "entityUpdated", "table", "svc.db.s.\"large.batch\"", "bulk-user"), (last.EventKey, last.EventType, last.EntityType, last.EntityFqn, last.UserName));
        Assert.Equal((2.3m, 2.4m), (last.PreviousVersion!.Value, last.CurrentVersion!.Value));
        Assert.Equal(DateTime.UnixEpoch.AddMilliseconds(events[23].Timestamp), last.Timestamp);
        Assert.Equal(DateTimeKind.Utc, last.Timestamp.Kind);
        Assert.Equal(Guid.Parse(events[23].Id!), last.EventId);
        Assert.Equal(events[23].Id, JsonDocument.Parse(_session.Codec.Unpack(last.Payload)).RootElement.GetProperty("id").GetString());
        Assert.Null(stored[24].EventId);
        Assert.StartsWith("synthetic:", stored[24].EventKey);

        var change = (await QueryAsync(db => db.FieldChanges.Where(f => f.EventSequence == last.Sequence))).Single();
        Assert.Equal(("description", FieldCategory.Description, ChangeType.Updated, false), (change.Path, change.Category, change.ChangeType, change.Derived));
        Assert.Equal("édition 22 ✓", JsonDocument.Parse(change.OldValue!).RootElement.GetString());
        Assert.Equal("édition 23 ✓", JsonDocument.Parse(change.NewValue!).RootElement.GetString());
        Assert.Null(change.Column);
        Assert.Equal(2.4m, change.Version);

        var versions = await QueryAsync(db => db.EntityVersions.Where(v => v.EntityId == created.EntityId).OrderBy(v => v.Version));
        Assert.Equal(25, versions.Count);
        Assert.Equal((2.5m, "entityUpdated", "bulk-user"), (versions[^1].Version, versions[^1].EventType, versions[^1].ChangedBy));
        Assert.Equal("édition 23 ✓", JsonDocument.Parse(await SnapshotOfEventAsync(versions[^1].EventSequence)).RootElement.GetProperty("description").GetString());
        var entity = await EntityAsync(created.EntityId);
        Assert.Equal((2.5m, "édition 23 ✓"), (entity.Version, entity.Description));
    }

    [Fact]
    public async Task edits_merged_into_one_version_keep_the_latest_snapshot_whatever_the_arrival_order()
    {
        var created = OmEvent.Created(Guid.NewGuid(), "svc.db.s.merged");
        var first = created.Next().Set("description", "draft");
        // Same version, a minute later, with both edits: OpenMetadata merged the session.
        var merged = first.Set("displayName", "Merged") with { Id = Guid.NewGuid().ToString(), Timestamp = first.Timestamp + 60_000 };
        await Deliver(created);
        await Deliver(merged);
        await Deliver(first);

        var version = (await QueryAsync(db => db.EntityVersions.Where(v => v.EntityId == created.EntityId && v.Version == 0.2m))).Single();
        Assert.Contains("Merged", await SnapshotOfEventAsync(version.EventSequence));
        Assert.Equal(DateTime.UnixEpoch.AddMilliseconds(merged.Timestamp), version.ChangedAt);
        var entity = await EntityAsync(created.EntityId);
        Assert.Equal(("draft", "Merged"), (entity.Description, entity.DisplayName));
        Assert.Equal(3, (await QueryAsync(db => db.ChangeEvents.Where(e => e.EntityId == created.EntityId))).Count);
    }

    [Fact]
    public async Task a_rename_moves_the_entity_to_its_new_fqn_and_keeps_the_old_one_in_history()
    {
        var created = OmEvent.Created(Guid.NewGuid(), "svc.db.s.old_name");
        var renamed = created.Next().Set("name", "new_name") with { Fqn = "svc.db.s.new_name" };
        // Releases have sent the name the event was raised under beside the renamed entity.
        var body = renamed.ToJson().Replace("\"entityFullyQualifiedName\":\"svc.db.s.new_name\"", "\"entityFullyQualifiedName\":\"svc.db.s.old_name\"");
        await Deliver(created);
        await Deliver(body);

        Assert.Equal("svc.db.s.new_name", (await EntityAsync(created.EntityId)).Fqn);
        var fqns = await QueryAsync(db => db.ChangeEvents.Where(e => e.EntityId == created.EntityId).OrderBy(e => e.Sequence).Select(e => e.EntityFqn));
        Assert.Equal(["svc.db.s.old_name", "svc.db.s.new_name"], fqns);
    }

    [Fact]
    public async Task configured_bot_users_are_bots()
    {
        await Deliver(new OmEvent { UserName = "etl-service", EntityId = Guid.NewGuid() });
        Assert.True((await QueryAsync(db => db.Actors.Where(a => a.Name == "etl-service"))).Single().IsBot);
    }

    [Fact]
    public async Task events_that_are_not_about_an_entity_are_stored_without_touching_entities()
    {
        var thread = new OmEvent { EventType = "threadCreated", EntityType = "THREAD", EntityId = Guid.NewGuid(), Entity = null, WithChangeDescription = false, CurrentVersion = null };
        var outcome = await Deliver(thread);
        Assert.Equal(1, outcome.Stored);
        Assert.Empty(await QueryAsync(db => db.Entities.Where(e => e.EntityId == thread.EntityId)));
        Assert.Equal("threadCreated", (await QueryAsync(db => db.ChangeEvents.Where(e => e.EntityId == thread.EntityId))).Single().EventType);
    }

    [Fact]
    public async Task service_entities_are_their_own_service_and_owners_and_tier_are_indexed()
    {
        var service = new OmEvent { EventType = "entityCreated", EntityType = "databaseService", Fqn = "mysql_prod", Entity = new JsonObject { ["serviceType"] = "Mysql" } };
        await Deliver(service);
        Assert.Equal("mysql_prod", (await EntityAsync(service.EntityId)).Service);

        var table = OmEvent.Created(Guid.NewGuid(), "mysql_prod.shop.public.owned") with
        {
            Entity = new JsonObject
            {
                ["service"] = new JsonObject { ["id"] = service.EntityId.ToString(), ["type"] = "databaseService", ["name"] = "mysql_prod", ["fullyQualifiedName"] = "mysql_prod" },
                ["owners"] = new JsonArray(new JsonObject { ["id"] = Guid.NewGuid().ToString(), ["type"] = "team", ["name"] = "finance" }),
                ["tags"] = new JsonArray(new JsonObject { ["tagFQN"] = "Tier.Tier1", ["source"] = "Classification" }),
                ["displayName"] = "Owned orders",
            },
        };
        await Deliver(table);
        var entity = await EntityAsync(table.EntityId);
        Assert.Equal(("mysql_prod", "Tier.Tier1", "Owned orders"), (entity.Service, entity.Tier, entity.DisplayName));
        Assert.Contains("finance", entity.Owners);
        Assert.Equal(["Tier.Tier1"], entity.TagFqns);
        Assert.Equal(["finance"], entity.OwnerNames);
    }

    [Theory]
    [InlineData("PII.\"Sensitive\"", "back\\slash")]
    [InlineData("a,b {c}", "NULL")]
    [InlineData("", "Zoë \u65E5\u672C")]
    public async Task tags_and_owner_names_of_any_text_are_kept_exactly_when_entities_are_written_together(string tag, string owner)
    {
        // Entities of one group are written by one statement that carries each list as the
        // text of an array: quotes, backslashes, commas, braces and the word NULL must survive.
        JsonObject With(string t, string o) => new()
        {
            ["owners"] = new JsonArray(new JsonObject { ["id"] = Guid.NewGuid().ToString(), ["type"] = "user", ["name"] = o }),
            ["tags"] = new JsonArray(new JsonObject { ["tagFQN"] = t, ["source"] = "Classification" }, new JsonObject { ["tagFQN"] = "Tier.Tier2", ["source"] = "Classification" }),
        };
        var first = OmEvent.Created(Guid.NewGuid(), "mysql_prod.shop.public.awkward_1") with { Entity = With(tag, owner) };
        var second = OmEvent.Created(Guid.NewGuid(), "mysql_prod.shop.public.awkward_2") with { Entity = With(owner, tag) };
        await Deliver($"{{\"data\":[{first.ToJson()},{second.ToJson()}]}}");
        // And again as updates, which overwrite the rows that exist.
        var update = first.Next() with { Entity = With(owner + "!", tag + "!") };
        await Deliver(update);

        var (one, two) = (await EntityAsync(first.EntityId), await EntityAsync(second.EntityId));
        Assert.Equal([owner + "!", "Tier.Tier2"], one.TagFqns);
        Assert.Equal([tag + "!"], one.OwnerNames);
        Assert.Equal([owner, "Tier.Tier2"], two.TagFqns);
        Assert.Equal([tag], two.OwnerNames);
    }

    [Fact]
    public async Task rejected_batch_items_are_kept_verbatim_with_the_good_events_stored()
    {
        var good = new OmEvent { EntityId = Guid.NewGuid() };
        const string bad = "{\"eventType\":\"entityUpdated\",\"entityType\":\"table\",\"entityId\":\"not-a-uuid\",\"timestamp\":1}";
        var outcome = await Deliver($"{{\"data\":[{good.ToJson()},{bad}]}}");

        Assert.Equal(1, outcome.Stored);
        var rejected = (await QueryAsync(db => db.RejectedDeliveries.Where(r => outcome.RejectedIds.Contains(r.Id)))).Single();
        Assert.Equal(bad, Encoding.UTF8.GetString(rejected.Body));
        Assert.Equal(1, rejected.PartIndex);
        Assert.Contains("not a UUID", rejected.Reason);
        Assert.Null(rejected.ReplayedAt);
    }

    [Fact]
    public async Task replay_processes_rejected_deliveries_that_can_now_be_read()
    {
        // As if an older release had rejected these: one is readable today, one is not.
        var readable = new OmEvent { EntityId = Guid.NewGuid(), Fqn = "svc.db.s.replayed" };
        long readableId, unreadableId;
        await using (var db = _session.Db())
        {
            var a = new RejectedDelivery { ReceivedAt = DateTime.UtcNow.AddDays(-1), Body = readable.ToBytes(), Reason = "unknown form (old release)" };
            var b = new RejectedDelivery { ReceivedAt = DateTime.UtcNow.AddDays(-1), Body = "garbage"u8.ToArray(), Reason = "not JSON" };
            db.RejectedDeliveries.AddRange(a, b);
            await db.SaveChangesAsync();
            (readableId, unreadableId) = (a.Id, b.Id);
        }

        var replayer = new RejectedDeliveryReplayer(_session.Contexts, _session.Writer, _session.Codec, NullLogger<RejectedDeliveryReplayer>.Instance);
        var report = await replayer.ReplayAsync(CancellationToken.None);
        Assert.True(report.Replayed >= 1 && report.StillRejected >= 1);

        var rows = (await QueryAsync(db => db.RejectedDeliveries.Where(r => r.Id == readableId || r.Id == unreadableId))).ToDictionary(r => r.Id);
        Assert.NotNull(rows[readableId].ReplayedAt);
        Assert.Null(rows[unreadableId].ReplayedAt);
        Assert.Equal(1, rows[unreadableId].ReplayAttempts);
        var stored = (await QueryAsync(db => db.ChangeEvents.Where(e => e.EntityId == readable.EntityId))).Single();
        Assert.Equal(rows[readableId].ReplayedEventSequence, stored.Sequence);
        Assert.Equal(rows[readableId].ReceivedAt, stored.ReceivedAt, TimeSpan.FromMilliseconds(1));

        // A second replay does not store the event again.
        await replayer.ReplayAsync(CancellationToken.None);
        Assert.Single(await QueryAsync(db => db.ChangeEvents.Where(e => e.EntityId == readable.EntityId)));
    }

    [Fact]
    public async Task concurrent_writers_on_one_store_lose_nothing_and_number_without_gaps()
    {
        // Two writers stand for two server instances sharing the database.
        var contexts = await fixture.CreateFreshStoreAsync();
        await using var instanceA = new StoreSession(contexts, new IngestionOptions { MaxGroupEvents = 16 });
        await using var instanceB = new StoreSession(contexts, new IngestionOptions { MaxGroupEvents = 16 });

        var created = OmEvent.Created(Guid.NewGuid(), "svc.db.s.contended");
        var events = new List<OmEvent> { created };
        for (var i = 1; i < 120; i++)
            events.Add(events[^1].Next().Set("description", $"v{i}"));
        var deliveries = events.Concat(events.Take(30)).OrderBy(_ => Random.Shared.Next()).ToList();

        var outcomes = await Task.WhenAll(deliveries.Select((e, i) => Task.Run(() => (i % 2 == 0 ? instanceA : instanceB).DeliverAsync(e.ToJson()))));

        Assert.Equal(120, outcomes.Sum(o => o.Stored));
        Assert.Equal(30, outcomes.Sum(o => o.Duplicates));
        await using var db = contexts.CreateDbContext();
        var sequences = await db.ChangeEvents.OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync();
        Assert.Equal(Enumerable.Range(1, 120).Select(i => (long)i), sequences);
        Assert.Equal(120, (await db.SequenceCounter.SingleAsync()).Value);
        var entity = await db.Entities.SingleAsync();
        Assert.Equal((12.0m, "v119"), (entity.Version, entity.Description));
        Assert.Equal(120, await db.EntityVersions.CountAsync());
        Assert.Equal(119, await db.FieldChanges.CountAsync());
        Assert.Equal(120, (await db.Actors.SingleAsync()).ChangeCount);
    }

    [Fact]
    public async Task the_model_matches_the_migrations()
    {
        await using var db = _session.Db();
        Assert.False(db.Database.HasPendingModelChanges(), $"The {db.Provider} model has changes that no migration holds: add a migration.");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }
}
