using System.Text.Json.Nodes;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Ingestion.Writing;
using HistoryGraph.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace HistoryGraph.Ingestion.Tests.Storage;

public abstract partial class HistoryStoreTests
{
    // Following arrives as OpenMetadata sends it: an entityUpdated at the same version, without
    // the entity, whose `followers` change names only the references added or removed.
    private static OmEvent Follow(OmEvent after, string list, string user, long minutesLater) => after with
    {
        Id = Guid.NewGuid().ToString(),
        EventType = "entityUpdated",
        UserName = user,
        PreviousVersion = after.CurrentVersion,
        Timestamp = after.Timestamp + minutesLater * 60_000,
        Entity = null,
        WithChangeDescription = true,
        Changes = [(list, "followers", list == "fieldsDeleted" ? Reference(user) : null, list == "fieldsAdded" ? Reference(user) : null)],
    };

    private static JsonNode Reference(string user) =>
        JsonValue.Create(new JsonArray(new JsonObject { ["id"] = Guid.NewGuid().ToString(), ["type"] = "user", ["name"] = user }).ToJsonString())!;

    private static JsonArray References(params string[] users) =>
        new([.. users.Select(u => (JsonNode)new JsonObject { ["id"] = Guid.NewGuid().ToString(), ["type"] = "user", ["name"] = u })]);

    [Fact]
    public async Task followers_come_from_follow_and_unfollow_events_and_from_snapshots_that_list_them()
    {
        var created = OmEvent.Created(Guid.NewGuid(), "mysql_prod.shop.public.followed");
        await Deliver(created);
        Assert.Empty((await EntityAsync(created.EntityId)).FollowerNames);

        await Deliver(Follow(created, "fieldsAdded", "kim", 1));
        await Deliver(Follow(created, "fieldsAdded", "lee", 2));
        Assert.Equal(["kim", "lee"], (await EntityAsync(created.EntityId)).FollowerNames);

        await Deliver(Follow(created, "fieldsDeleted", "kim", 3));
        Assert.Equal(["lee"], (await EntityAsync(created.EntityId)).FollowerNames);

        // A snapshot that lists the followers is the truth; one that does not leaves them be.
        var listed = created.Next(minutesLater: 4).Set("followers", References("lee", "max"));
        await Deliver(listed);
        Assert.Equal(["lee", "max"], (await EntityAsync(created.EntityId)).FollowerNames);
        var silent = listed.Next(minutesLater: 1).Set("description", "orders");
        silent.Entity!.Remove("followers");
        await Deliver(silent);
        Assert.Equal(["lee", "max"], (await EntityAsync(created.EntityId)).FollowerNames);

        // An older follow that arrives late does not change the newer state.
        await Deliver(Follow(created, "fieldsAdded", "old", 2) with { Timestamp = created.Timestamp + 90_000 });
        Assert.Equal(["lee", "max"], (await EntityAsync(created.EntityId)).FollowerNames);
    }

    [Fact]
    public async Task a_store_made_before_followers_were_kept_reads_them_from_its_history_once()
    {
        var followed = OmEvent.Created(Guid.NewGuid(), "mysql_prod.shop.public.caught_up");
        var listed = followed.Next(minutesLater: 5).Set("followers", References("ann", "bo"));
        var unlisted = OmEvent.Created(Guid.NewGuid(), "mysql_prod.shop.public.caught_up_2");
        foreach (var e in new[] { followed, Follow(followed, "fieldsAdded", "kim", 1), listed, Follow(listed, "fieldsDeleted", "ann", 1), Follow(listed, "fieldsAdded", "cy", 2),
                     unlisted, Follow(unlisted, "fieldsAdded", "dee", 1) })
            await Deliver(e);
        Assert.Equal(["bo", "cy"], (await EntityAsync(followed.EntityId)).FollowerNames);

        // As the migration leaves a store made before: nobody follows anything, and the catch-up has not run.
        await using (var db = _session.Db())
        {
            await db.Entities.Where(e => e.EntityId == followed.EntityId || e.EntityId == unlisted.EntityId)
                .ExecuteUpdateAsync(set => set.SetProperty(e => e.FollowerNames, new List<string>()));
            await db.CompletedDataMigrations.Where(m => m.Name == FollowerNamesCatchUp.Name).ExecuteDeleteAsync();
        }
        var catchUp = new FollowerNamesCatchUp(_session.Codec, NullLogger<FollowerNamesCatchUp>.Instance);
        await using (var db = _session.Db())
            await catchUp.RunAsync(db, CancellationToken.None);

        Assert.Equal(["bo", "cy"], (await EntityAsync(followed.EntityId)).FollowerNames);
        Assert.Equal(["dee"], (await EntityAsync(unlisted.EntityId)).FollowerNames);
        await using (var db = _session.Db())
            Assert.True(await db.CompletedDataMigrations.AnyAsync(m => m.Name == FollowerNamesCatchUp.Name));

        // Two instances starting together on one store both run it, and both succeed.
        await using (var db = _session.Db())
            await db.CompletedDataMigrations.Where(m => m.Name == FollowerNamesCatchUp.Name).ExecuteDeleteAsync();
        await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            await using var db = _session.Db();
            await catchUp.RunAsync(db, CancellationToken.None);
        }));
        Assert.Equal(["bo", "cy"], (await EntityAsync(followed.EntityId)).FollowerNames);
        await using (var db = _session.Db())
            Assert.Equal(1, await db.CompletedDataMigrations.CountAsync(m => m.Name == FollowerNamesCatchUp.Name));

        // Once done it is not done again: a later start-up leaves the lists alone.
        await using (var db = _session.Db())
            await db.Entities.Where(e => e.EntityId == unlisted.EntityId).ExecuteUpdateAsync(set => set.SetProperty(e => e.FollowerNames, new List<string> { "set-later" }));
        await using (var db = _session.Db())
            await catchUp.RunAsync(db, CancellationToken.None);
        Assert.Equal(["set-later"], (await EntityAsync(unlisted.EntityId)).FollowerNames);
    }
}
