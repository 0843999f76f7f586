using HistoryGraph.Ingestion.Storage;
using HistoryGraph.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.Ingestion.Tests.Storage;

/// The history store's behaviour, run once on PostgreSQL and once on SQLite. Every test uses
/// entities of its own and asserts only on them.
public abstract partial class HistoryStoreTests(IHistoryStoreFixture fixture) : IAsyncLifetime
{
    private StoreSession _session = null!;

    public Task InitializeAsync()
    {
        _session = new StoreSession(fixture.Contexts);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _session.DisposeAsync();

    private Task<Ingestion.Writing.DeliveryOutcome> Deliver(string body) => _session.DeliverAsync(body);
    private Task<Ingestion.Writing.DeliveryOutcome> Deliver(OmEvent e) => _session.DeliverAsync(e.ToJson());

    private async Task<TrackedEntity> EntityAsync(Guid id)
    {
        await using var db = _session.Db();
        return await db.Entities.AsNoTracking().SingleAsync(e => e.EntityId == id);
    }

    /// The snapshot the stored event carried (snapshots are kept once, in their event's payload).
    private async Task<string> SnapshotOfEventAsync(long? sequence)
    {
        Assert.NotNull(sequence);
        await using var db = _session.Db();
        var payload = await db.ChangeEvents.Where(e => e.Sequence == sequence).Select(e => e.Payload).SingleAsync();
        return Assert.IsType<string>(Ingestion.OpenMetadata.EventPayload.Snapshot(_session.Codec.Unpack(payload)));
    }

    private async Task<List<T>> QueryAsync<T>(Func<HistoryDbContext, IQueryable<T>> query)
    {
        await using var db = _session.Db();
        return await query(db).ToListAsync();
    }

    [Fact]
    public async Task a_tables_life_from_the_samples_is_stored_completely()
    {
        foreach (var sample in new[] { "c03-", "c04-", "c05-", "c06-" })
            await _session.DeliverAsync(Samples.Bytes(sample));

        var id = Guid.Parse("3f6a2b10-7c1d-4e2f-9a3b-4c5d6e7f8091");
        var entity = await EntityAsync(id);
        Assert.Equal(Lifecycle.HardDeleted, entity.Lifecycle);
        Assert.Equal(0.4m, entity.Version);
        Assert.Equal("mysql_prod.shop.public.\"orders.v2\"", entity.Fqn);
        Assert.Equal("orders.v2", entity.Name);

        var events = await QueryAsync(db => db.ChangeEvents.Where(e => e.EntityId == id).OrderBy(e => e.Sequence));
        Assert.Equal(["entityUpdated", "entitySoftDeleted", "entityRestored", "entityDeleted"], events.Select(e => e.EventType));
        Assert.Equal(Enumerable.Range(0, 4).Select(i => events[0].Sequence + i), events.Select(e => e.Sequence));

        var versions = await QueryAsync(db => db.EntityVersions.Where(v => v.EntityId == id).OrderBy(v => v.Version));
        Assert.Equal([0.2m, 0.3m, 0.4m], versions.Select(v => v.Version));
        Assert.Equal("entityRestored", versions[2].EventType);

        var changes = await QueryAsync(db => db.FieldChanges.Where(f => f.EntityId == id).OrderBy(f => f.EventSequence));
        Assert.Equal(
            [("columns.\"a.b\".description", FieldCategory.Description, "a.b"), ("deleted", FieldCategory.Deletion, null), ("deleted", FieldCategory.Deletion, null)],
            changes.Select(c => (c.Path, c.Category, c.Column)));

        var deletions = await QueryAsync(db => db.Deletions.Where(d => d.EntityId == id).OrderBy(d => d.DeletedAt));
        Assert.Equal(2, deletions.Count);
        Assert.Equal((DeletionKind.Soft, "ops", "jane"), (deletions[0].Kind, deletions[0].DeletedBy, deletions[0].RestoredBy));
        Assert.Equal(DateTime.UnixEpoch.AddMilliseconds(1790000300000), deletions[0].RestoredAt);
        Assert.Equal((DeletionKind.Hard, "ops", (string?)null), (deletions[1].Kind, deletions[1].DeletedBy, deletions[1].RestoredBy));
        Assert.Contains("\"orders.v2\"", await SnapshotOfEventAsync(deletions[1].SnapshotEventSequence));
    }

    [Fact]
    public async Task redelivered_event_changes_nothing()
    {
        var created = OmEvent.Created(Guid.NewGuid(), "svc.db.s.redelivered") with { UserName = $"user-{Guid.NewGuid():N}" };
        var first = await Deliver(created);
        var again = await Deliver(created);
        var next = await Deliver(created.Next().Set("description", "d"));

        Assert.Equal((1, 0), (first.Stored, first.Duplicates));
        Assert.Equal((0, 1), (again.Stored, again.Duplicates));
        Assert.Empty(again.Sequences);
        Assert.Equal(first.Sequences[0] + 1, next.Sequences[0]);
        Assert.Single(await QueryAsync(db => db.ChangeEvents.Where(e => e.EventKey == created.Id)));
        Assert.Single(await QueryAsync(db => db.EntityVersions.Where(v => v.EntityId == created.EntityId && v.Version == 0.1m)));
        Assert.Equal(2, (await QueryAsync(db => db.Actors.Where(a => a.Name == created.UserName))).Single().ChangeCount);
    }

    [Fact]
    public async Task a_batch_that_repeats_an_event_stores_it_once()
    {
        var e = OmEvent.Created(Guid.NewGuid(), "svc.db.s.batch_dup");
        var outcome = await Deliver(OmEvent.Batch(e, e, e.Next().Set("description", "x")));
        Assert.Equal((2, 1), (outcome.Stored, outcome.Duplicates));
        Assert.Equal(2, (await QueryAsync(db => db.ChangeEvents.Where(x => x.EntityId == e.EntityId))).Count);
    }

    [Fact]
    public async Task id_less_events_are_deduplicated_on_their_synthetic_key()
    {
        var e = new OmEvent { Id = null, EntityId = Guid.NewGuid(), CurrentVersion = 0.4m, PreviousVersion = 0.3m };
        Assert.Equal(1, (await Deliver(e)).Stored);
        Assert.Equal(1, (await Deliver(e)).Duplicates);
        Assert.Equal(1, (await Deliver(e with { Timestamp = e.Timestamp + 1 })).Stored);
        var keys = await QueryAsync(db => db.ChangeEvents.Where(x => x.EntityId == e.EntityId).Select(x => x.EventKey));
        Assert.Equal(2, keys.Count);
        Assert.All(keys, k => Assert.StartsWith("synthetic:", k));
    }

    [Fact]
    public async Task events_arriving_in_any_order_give_the_newest_state_and_every_version()
    {
        var created = OmEvent.Created(Guid.NewGuid(), "svc.db.s.shuffled");
        var events = new List<OmEvent> { created };
        for (var i = 1; i <= 8; i++)
            events.Add(events[^1].Next().Set("description", $"description {i}"));

        foreach (var e in events.OrderBy(_ => Random.Shared.Next()))
            await Deliver(e);

        var entity = await EntityAsync(created.EntityId);
        Assert.Equal(0.9m, entity.Version);
        Assert.Equal("description 8", entity.Description);
        Assert.Equal(Lifecycle.Active, entity.Lifecycle);
        Assert.Equal(DateTime.UnixEpoch.AddMilliseconds(created.Timestamp), entity.CreatedAt);
        var versions = await QueryAsync(db => db.EntityVersions.Where(v => v.EntityId == created.EntityId).OrderBy(v => v.Version).Select(v => v.Version));
        Assert.Equal(Enumerable.Range(1, 9).Select(i => i / 10m), versions);
        Assert.Equal(8, (await QueryAsync(db => db.FieldChanges.Where(f => f.EntityId == created.EntityId))).Count);
    }

    [Fact]
    public async Task a_late_older_event_never_overwrites_newer_state()
    {
        var created = OmEvent.Created(Guid.NewGuid(), "svc.db.s.late");
        var v2 = created.Next().Set("description", "second");
        var v3 = v2.Next().Set("description", "third");
        await Deliver(created);
        await Deliver(v3);
        await Deliver(v2);
        var entity = await EntityAsync(created.EntityId);
        Assert.Equal((0.3m, "third"), (entity.Version, entity.Description));
    }

    [Fact]
    public async Task a_late_older_event_does_not_resurrect_a_soft_deleted_entity()
    {
        var created = OmEvent.Created(Guid.NewGuid(), "svc.db.s.zombie");
        var v2 = created.Next().Set("description", "edit");
        var deleted = v2.Next("entitySoftDeleted").Set("deleted", true);
        await Deliver(created);
        await Deliver(deleted);
        await Deliver(v2);
        Assert.Equal(Lifecycle.SoftDeleted, (await EntityAsync(created.EntityId)).Lifecycle);
    }

    [Fact]
    public async Task a_hard_delete_is_final_whenever_it_arrives()
    {
        var created = OmEvent.Created(Guid.NewGuid(), "svc.db.s.gone");
        var v2 = created.Next().Set("description", "edit");
        var hardDelete = v2 with { Id = Guid.NewGuid().ToString(), EventType = "entityDeleted", Timestamp = v2.Timestamp + 60_000, WithChangeDescription = false, Changes = [] };
        await Deliver(hardDelete);
        await Deliver(v2);
        await Deliver(created);

        var entity = await EntityAsync(created.EntityId);
        Assert.Equal(Lifecycle.HardDeleted, entity.Lifecycle);
        Assert.Equal((0.2m, "edit"), (entity.Version, entity.Description));
        var deletion = Assert.Single(await QueryAsync(db => db.Deletions.Where(d => d.EntityId == created.EntityId)));
        Assert.Equal(DeletionKind.Hard, deletion.Kind);
        // The whole history survives the hard delete.
        Assert.Equal(2, (await QueryAsync(db => db.EntityVersions.Where(v => v.EntityId == created.EntityId))).Count);
        Assert.Equal(3, (await QueryAsync(db => db.ChangeEvents.Where(e => e.EntityId == created.EntityId))).Count);
        // The hard delete repeated version 0.2: it did not replace the snapshot made by the update.
        var v02 = (await QueryAsync(db => db.EntityVersions.Where(v => v.EntityId == created.EntityId && v.Version == 0.2m))).Single();
        Assert.Equal("entityUpdated", v02.EventType);
    }

    [Fact]
    public async Task a_restore_that_arrives_before_its_soft_delete_still_closes_it()
    {
        var created = OmEvent.Created(Guid.NewGuid(), "svc.db.s.restored");
        var deleted = created.Next("entitySoftDeleted").Set("deleted", true) with { UserName = "ops" };
        var restored = deleted.Next("entityRestored").Set("deleted", false) with { UserName = "jane" };
        await Deliver(created);
        await Deliver(restored);
        await Deliver(deleted);

        Assert.Equal(Lifecycle.Active, (await EntityAsync(created.EntityId)).Lifecycle);
        var deletion = Assert.Single(await QueryAsync(db => db.Deletions.Where(d => d.EntityId == created.EntityId)));
        Assert.Equal(("ops", "jane"), (deletion.DeletedBy, deletion.RestoredBy));
        Assert.Equal(DateTime.UnixEpoch.AddMilliseconds(restored.Timestamp), deletion.RestoredAt);
    }

    [Fact]
    public async Task soft_delete_and_restore_in_one_batch_are_paired()
    {
        var created = OmEvent.Created(Guid.NewGuid(), "svc.db.s.batch_restore");
        var deleted = created.Next("entitySoftDeleted").Set("deleted", true);
        var restored = deleted.Next("entityRestored").Set("deleted", false);
        var deletedAgain = restored.Next("entitySoftDeleted").Set("deleted", true);
        await Deliver(OmEvent.Batch(created, deleted, restored, deletedAgain));

        Assert.Equal(Lifecycle.SoftDeleted, (await EntityAsync(created.EntityId)).Lifecycle);
        var deletions = await QueryAsync(db => db.Deletions.Where(d => d.EntityId == created.EntityId).OrderBy(d => d.DeletedAt));
        Assert.Equal(2, deletions.Count);
        Assert.NotNull(deletions[0].RestoredAt);
        Assert.Null(deletions[1].RestoredAt);
    }
}
