using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using HistoryGraph.Hosting;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Tests.Live;
using HistoryGraph.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HistoryGraph.Tests.Retention;

/// The retention purge on a real store: what is older than the cut-off goes, except each
/// entity's latest version, its version in force at the cut-off and its current state, and every
/// deletion with its last snapshot; runs and
/// purged ranges are recorded; a stream resumed after a purged sequence is refused with where
/// history starts. Each test's history lies in its own year, and its cut-off just after it.
public abstract class PurgeTests(HistoryGraphServer server, string connectionString)
{
    public const string AdminKey = "purge-admin-key";

    public static string[] Settings => [$"Admin:ApiKeys:0={AdminKey}", "Retention:BatchSize=3"];

    private const string Purge = """
        mutation($before: DateTime, $keepDays: Int) {
          purge(before: $before, keepDays: $keepDays) {
            number requestedBy status cutoff eventsPurged fieldChangesPurged versionsPurged eventsKept firstSequence lastSequence error
          }
        }
        """;

    private Task<JsonElement> MutateAsync(object variables, string? key = AdminKey) => server.AdminGraphQLAsync(Purge, variables, key);

    private async Task<JsonElement> PurgeAsync(string before)
    {
        var body = await MutateAsync(new { before });
        return body.TryGetProperty("errors", out var errors) ? throw new Xunit.Sdk.XunitException(errors.ToString()) : body.GetProperty("data").GetProperty("purge");
    }

    private static string ErrorCode(JsonElement body) => body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString()!;

    private async Task PostAsync(params OmEvent[] events) => Assert.Equal(HttpStatusCode.OK, (await server.PostAsync(OmEvent.Batch(events))).StatusCode);

    private static long At(int year, int minute = 0) => new DateTimeOffset(year, 2, 1, 0, minute, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private async Task<List<(long Sequence, string Key)>> EventsAsync(Guid id) =>
        (await server.QueryAsync($$"""{ events(first: 50, where: { entityId: { eq: "{{id}}" } }, order: [{ sequence: ASC }]) { nodes { sequence eventId } } }"""))
            .GetProperty("events").GetProperty("nodes").EnumerateArray().Select(n => (n.GetProperty("sequence").GetInt64(), n.GetProperty("eventId").GetString()!)).ToList();

    private async Task<List<decimal>> VersionsAsync(Guid id) =>
        (await server.QueryAsync($$"""{ versions(first: 50, where: { entityId: { eq: "{{id}}" } }, order: [{ version: ASC }]) { nodes { version } } }"""))
            .GetProperty("versions").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("version").GetDecimal()).ToList();

    [Fact]
    public async Task a_purge_removes_old_history_but_keeps_latest_versions_current_state_and_deletions_with_their_snapshots()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var p = OmEvent.Created(Guid.NewGuid(), "purge.db.s.p" + suffix, timestamp: At(2019)) with { Entity = new JsonObject { ["description"] = "v1" } };
        var p2 = p.Next().Set("description", "v2");
        var p3 = p2.Next().Set("description", "v3");
        var p4 = p3.Next().Set("description", "v4");
        var q = OmEvent.Created(Guid.NewGuid(), "purge.db.s.q" + suffix, timestamp: At(2019));
        var qSoftDeleted = q.Next("entitySoftDeleted").Set("deleted", true);
        var r = OmEvent.Created(Guid.NewGuid(), "purge.db.s.r" + suffix, timestamp: At(2019)) with { Entity = new JsonObject { ["columns"] = new JsonArray(), ["databaseSchema"] = "purge.db.s" } };
        var r2 = r.Next().Set("description", "last words");
        var rDeleted = r2.Next("entityDeleted") with { Entity = null, WithChangeDescription = false };
        var s = OmEvent.Created(Guid.NewGuid(), "purge.db.s.s" + suffix, timestamp: At(2019));
        var sRecent = s.Next() with { Timestamp = At(2026) };
        // v: deleted (by an event without the entity), restored and changed since: the deletion,
        // the snapshot before it and its restore all stay.
        var v = OmEvent.Created(Guid.NewGuid(), "purge.db.s.v" + suffix, timestamp: At(2019));
        var vDeleted = v.Next("entitySoftDeleted").Set("deleted", true) with { Entity = null };
        var vRestored = vDeleted.Next("entityRestored").Set("deleted", false);
        var vChanged = vRestored.Next().Set("description", "back");
        await PostAsync(p, p2, p3, p4, q, qSoftDeleted, r, r2, rDeleted, s, sRecent, v, vDeleted, vRestored, vChanged);
        OmEvent[] entities = [p, q, r, s, v];
        var before = new Dictionary<Guid, List<(long Sequence, string Key)>>();
        foreach (var e in entities)
            before[e.EntityId] = await EventsAsync(e.EntityId);

        var run = await PurgeAsync("2019-06-01T00:00:00Z");

        Assert.Equal(("COMPLETED", "admin key 1"), (run.GetProperty("status").GetString(), run.GetProperty("requestedBy").GetString()));
        Assert.Equal((5, 2, 5), (run.GetProperty("eventsPurged").GetInt32(), run.GetProperty("fieldChangesPurged").GetInt32(), run.GetProperty("versionsPurged").GetInt32()));
        Assert.True(run.GetProperty("eventsKept").GetInt32() >= 8, run.ToString());
        Assert.Equal([p4.Id!], (await EventsAsync(p.EntityId)).Select(e => e.Key));
        Assert.Equal([0.4m], await VersionsAsync(p.EntityId));
        Assert.Equal([qSoftDeleted.Id!], (await EventsAsync(q.EntityId)).Select(e => e.Key));
        Assert.Equal([r2.Id!, rDeleted.Id!], (await EventsAsync(r.EntityId)).Select(e => e.Key));
        Assert.Equal([0.2m], await VersionsAsync(r.EntityId));
        // s's first version was in force at the cut-off (its next came in 2026): kept.
        Assert.Equal([s.Id!, sRecent.Id!], (await EventsAsync(s.EntityId)).Select(e => e.Key));
        Assert.Equal([v.Id!, vDeleted.Id!, vRestored.Id!, vChanged.Id!], (await EventsAsync(v.EntityId)).Select(e => e.Key));

        var p4Changes = (await server.QueryAsync($$"""{ fieldChanges(where: { entityId: { eq: "{{p.EntityId}}" } }) { nodes { newValue } } }"""))
            .GetProperty("fieldChanges").GetProperty("nodes");
        Assert.Equal("v4", Assert.Single(p4Changes.EnumerateArray()).GetProperty("newValue").GetString());
        var entity = (await server.QueryAsync($$"""{ entity(id: "{{p.EntityId}}") { version description } }""")).GetProperty("entity");
        Assert.Equal((0.4m, "v4"), (entity.GetProperty("version").GetDecimal(), entity.GetProperty("description").GetString()));
        foreach (var deleted in new[] { q, r })
        {
            var deletion = (await server.QueryAsync($$"""{ deletions(where: { entityId: { eq: "{{deleted.EntityId}}" } }) { nodes { kind restorePayload } } }"""))
                .GetProperty("deletions").GetProperty("nodes");
            Assert.NotEqual(JsonValueKind.Null, Assert.Single(deletion.EnumerateArray()).GetProperty("restorePayload").ValueKind);
        }
        var hardPayload = (await server.QueryAsync($$"""{ deletions(where: { entityId: { eq: "{{r.EntityId}}" } }) { nodes { restorePayload } } }"""))
            .GetProperty("deletions").GetProperty("nodes")[0].GetProperty("restorePayload");
        Assert.Equal("last words", hardPayload.GetProperty("description").GetString());

        // Every purged sequence lies in a recorded range of this run, and the ranges count them.
        var left = new List<long>();
        foreach (var e in entities)
            left.AddRange((await EventsAsync(e.EntityId)).Select(x => x.Sequence));
        var purged = before.Values.SelectMany(x => x).Select(x => x.Sequence).Except(left).ToList();
        Assert.Equal(5, purged.Count);
        var ranges = (await server.QueryAsync($$"""{ purgedRanges(first: 50, where: { run: { eq: {{run.GetProperty("number").GetInt64()}} } }) { nodes { fromSequence toSequence events } } }"""))
            .GetProperty("purgedRanges").GetProperty("nodes").EnumerateArray()
            .Select(n => (From: n.GetProperty("fromSequence").GetInt64(), To: n.GetProperty("toSequence").GetInt64(), Events: n.GetProperty("events").GetInt64())).ToList();
        Assert.Equal(5, ranges.Sum(x => x.Events));
        Assert.All(purged, sequence => Assert.Contains(ranges, x => x.From <= sequence && sequence <= x.To));
        Assert.Equal((purged.Min(), purged.Max()), (run.GetProperty("firstSequence").GetInt64(), run.GetProperty("lastSequence").GetInt64()));

        var runs = (await server.AdminQueryAsync($$"""{ purgeRuns(where: { number: { eq: {{run.GetProperty("number").GetInt64()}} } }) { nodes { status eventsPurged finishedAt } } }""", AdminKey))
            .GetProperty("purgeRuns").GetProperty("nodes");
        Assert.Equal(5, Assert.Single(runs.EnumerateArray()).GetProperty("eventsPurged").GetInt32());
        var again = await PurgeAsync("2019-06-01T00:00:00Z");
        Assert.Equal(0, again.GetProperty("eventsPurged").GetInt32());
    }

    [Fact]
    public async Task a_stream_resumed_after_a_purged_sequence_is_refused_with_where_history_starts()
    {
        var t = OmEvent.Created(Guid.NewGuid(), "purge.db.s.t" + Guid.NewGuid().ToString("N")[..6], timestamp: At(2017));
        await PostAsync(t, t.Next(), t.Next().Next());
        var first = (await EventsAsync(t.EntityId))[0].Sequence;
        await PurgeAsync("2017-06-01T00:00:00Z");
        var startsAfter = (await server.QueryAsync("{ purgedRanges(first: 1, order: [{ toSequence: DESC }]) { nodes { toSequence } } }"))
            .GetProperty("purgedRanges").GetProperty("nodes")[0].GetProperty("toSequence").GetInt64();

        foreach (var query in new[] { $"subscription {{ changes(after: {first - 1}) {{ sequence }} }}", $"subscription {{ changeStats(bucket: DAY, after: {first - 1}) {{ count }} }}" })
        {
            await using var refused = await LiveClient.StartAsync("transport-ws", server, query, waitUntilSubscribed: false);
            var error = JsonNode.Parse((string)(await refused.WaitForAsync("error"))["message"]!)![0]!;
            Assert.Equal("HISTORY_PURGED", (string?)error["extensions"]!["code"]);
            Assert.Contains($"after: {startsAfter}", (string?)error["message"]);
        }
        // Deletions are never purged: their replay is whole from anywhere.
        await using var deletions = await LiveClient.StartAsync("transport-ws", server, $"subscription {{ deletions(after: {first - 1}) {{ fqn }} }}");
        await using var resumed = await LiveClient.StartAsync("transport-ws", server, $"subscription {{ changes(after: {startsAfter}) {{ sequence }} }}");
        var next = OmEvent.Created(Guid.NewGuid(), "purge.db.s.after" + Guid.NewGuid().ToString("N")[..6], timestamp: At(2026));
        await PostAsync(next);
        Assert.NotEmpty(await resumed.WaitForResultsAsync(1));
    }

    [Fact]
    public async Task deliveries_during_a_purge_are_all_stored_and_the_history_keeps_every_event_it_points_at()
    {
        // Forty entities with old histories, purged while deliveries change, soft-delete (without
        // the entity) and restore the same entities.
        var old = Enumerable.Range(0, 40).Select(i =>
            OmEvent.Created(Guid.NewGuid(), $"purge.db.s.busy{i}x{Guid.NewGuid():N}"[..40], timestamp: At(2013, i)) with { Entity = new JsonObject { ["description"] = "old" } }).ToList();
        var updated = old.Select(e => e.Next().Set("description", "older")).ToList();
        await PostAsync([.. old, .. updated]);
        var live = new List<OmEvent>();
        for (var i = 0; i < old.Count; i++)
        {
            var newer = updated[i].Next() with { Timestamp = At(2026, i) };
            live.Add(newer);
            if (i % 2 == 0)
            {
                var deleted = newer.Next("entitySoftDeleted") with { Entity = null, WithChangeDescription = false };
                live.Add(deleted);
                live.Add(deleted.Next("entityRestored") with { Entity = new JsonObject { ["description"] = "back" }, CurrentVersion = newer.CurrentVersion + 0.2m });
            }
        }

        var purging = PurgeAsync("2014-01-01T00:00:00Z");
        var posts = live.Select(async e => (await server.PostAsync(OmEvent.Batch(e))).StatusCode).ToList();
        var statuses = await Task.WhenAll(posts);
        var run = await purging;

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal("COMPLETED", run.GetProperty("status").GetString());
        Assert.True(run.GetProperty("eventsPurged").GetInt32() > 0, run.ToString());
        var contexts = server.Services.GetRequiredService<IDbContextFactory<HistoryDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        var events = db.ChangeEvents;
        Assert.Equal(0, await db.Entities.CountAsync(e => !events.Any(x => x.Sequence == e.StateEventSequence)));
        Assert.Equal(0, await db.Entities.CountAsync(e => e.SnapshotEventSequence != null && !events.Any(x => x.Sequence == e.SnapshotEventSequence)));
        Assert.Equal(0, await db.Deletions.CountAsync(d => !events.Any(x => x.Sequence == d.EventSequence)
            || (d.SnapshotEventSequence != null && !events.Any(x => x.Sequence == d.SnapshotEventSequence))
            || (d.RestoreEventSequence != null && !events.Any(x => x.Sequence == d.RestoreEventSequence))));
        Assert.Equal(0, await db.EntityVersions.CountAsync(v => !events.Any(x => x.Sequence == v.EventSequence)));
        Assert.Equal(0, await db.FieldChanges.CountAsync(f => !events.Any(x => x.Sequence == f.EventSequence)));
        var ids = live.Select(e => e.Id!).ToList();
        Assert.Equal(live.Count, await events.CountAsync(e => ids.Contains(e.EventKey)));
        // What the deliveries stopped pointing at goes with the next purge, and nothing else
        // (each entity's version in force at the cut-off stays).
        await PurgeAsync("2014-01-01T00:00:00Z");
        var entityIds = old.Select(e => e.EntityId).ToList();
        Assert.Equal(live.Count, await events.CountAsync(e => ids.Contains(e.EventKey)));
        var cutoff = new DateTime(2014, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        Assert.Equal(0, await events.CountAsync(e => entityIds.Contains(e.EntityId) && e.Timestamp < cutoff
            && !db.Entities.Any(x => x.SnapshotEventSequence == e.Sequence || x.StateEventSequence == e.Sequence)
            && !db.Deletions.Any(d => d.SnapshotEventSequence == e.Sequence)
            && !db.EntityVersions.Any(v => v.EventSequence == e.Sequence && v.ChangedAt < cutoff
                && !db.EntityVersions.Any(w => w.EntityId == v.EntityId && w.Version > v.Version && w.ChangedAt < cutoff))));
    }

    [Fact]
    public async Task purges_are_admin_operations_and_need_a_cut_off()
    {
        Assert.Equal("AUTH_NOT_AUTHENTICATED", ErrorCode(await MutateAsync(new { keepDays = 30 }, key: null)));
        Assert.Equal("INVALID_ARGUMENT", ErrorCode(await MutateAsync(new { })));
        Assert.Equal("INVALID_ARGUMENT", ErrorCode(await MutateAsync(new { keepDays = 30, before = "2020-01-01T00:00:00Z" })));
        Assert.Equal("INVALID_ARGUMENT", ErrorCode(await MutateAsync(new { keepDays = -1 })));
    }

    [Fact]
    public async Task the_purge_command_purges_before_an_instant_and_refuses_options_it_cannot_take()
    {
        var u = OmEvent.Created(Guid.NewGuid(), "purge.db.s.u" + Guid.NewGuid().ToString("N")[..6], timestamp: At(2015));
        var u3 = u.Next().Next();
        await PostAsync(u, u.Next(), u3);
        string[] settings = [$"--ConnectionStrings:History={connectionString}", "--Serilog:MinimumLevel:Default=Warning"];

        Assert.Equal(0, await MaintenanceCommands.RunAsync(["purge", .. settings, "--before=2015-06-01"]));

        Assert.Equal([u3.Id!], (await EventsAsync(u.EntityId)).Select(e => e.Key));
        var run = (await server.AdminQueryAsync("{ purgeRuns(first: 1) { nodes { requestedBy status cutoff } } }", AdminKey)).GetProperty("purgeRuns").GetProperty("nodes")[0];
        Assert.Equal(("command line", "COMPLETED"), (run.GetProperty("requestedBy").GetString(), run.GetProperty("status").GetString()));
        Assert.Equal(2, await MaintenanceCommands.RunAsync(["purge", .. settings]));
        Assert.Equal(2, await MaintenanceCommands.RunAsync(["purge", .. settings, "--keep-days=many"]));
        Assert.Equal(2, await MaintenanceCommands.RunAsync(["purge", .. settings, "--keep-days=1", "--before=2015-06-01"]));
        Assert.Equal(2, await MaintenanceCommands.RunAsync(["purge", .. settings, "--older-than=1"]));
    }
}

public sealed class PostgresPurgeTests(PostgresPurgeTests.ServerFixture fixture)
    : PurgeTests(fixture.Server, fixture.ConnectionString), IClassFixture<PostgresPurgeTests.ServerFixture>
{
    public sealed class ServerFixture : PostgresServerFixture
    {
        protected override string[] Settings => PurgeTests.Settings;
    }
}

public sealed class SqlitePurgeTests(SqlitePurgeTests.ServerFixture fixture)
    : PurgeTests(fixture.Server, fixture.ConnectionString), IClassFixture<SqlitePurgeTests.ServerFixture>
{
    public sealed class ServerFixture : SqliteServerFixture
    {
        protected override string[] Settings => PurgeTests.Settings;
    }
}
