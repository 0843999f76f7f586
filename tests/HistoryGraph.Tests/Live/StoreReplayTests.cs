using System.Net;
using System.Text.Json.Nodes;
using HistoryGraph.TestSupport;

namespace HistoryGraph.Tests.Live;

/// Replays that must read the database: the servers keep only 16 events in memory, and each
/// test first stores more than that after the events it replays. Every subscription field's
/// replay SQL runs, on each store.
public abstract class StoreReplayTests(HistoryGraphServer server)
{
    [Fact]
    public async Task every_subscription_field_replays_from_the_database()
    {
        var prefix = "replay" + Guid.NewGuid().ToString("N")[..8];
        var watched = OmEvent.Created(Guid.NewGuid(), prefix + ".watched");
        var created = await PostAsync(watched);
        var deleted = await PostAsync(watched.Next("entityDeleted"));
        var other = await PostAsync(OmEvent.Created(Guid.NewGuid(), prefix + ".other"));
        // Enough later events that the ones above are no longer in memory.
        var filler = await server.PostAsync(OmEvent.Batch([.. Enumerable.Range(0, 40).Select(i => OmEvent.Created(Guid.NewGuid(), $"filler.{prefix}.{i}"))]));
        Assert.Equal(HttpStatusCode.OK, filler.StatusCode);
        var after = created - 1;

        await using var changes = await LiveClient.StartAsync("transport-ws", server,
            "subscription($p: String!, $a: Long) { changes(where: { fqn: { startsWith: $p }, entity: { entityType: { eq: \"table\" } } }, after: $a) { sequence } }",
            new { p = prefix, a = after });
        await using var entity = await LiveClient.StartAsync("transport-ws", server,
            "subscription($id: UUID, $a: Long) { entityChanged(entityId: $id, after: $a) { sequence } }", new { id = watched.EntityId, a = after });
        await using var byFqn = await LiveClient.StartAsync("transport-ws", server,
            "subscription($f: String, $a: Long) { entityChanged(fqn: $f, after: $a) { sequence } }", new { f = prefix + ".other", a = after });
        await using var deletions = await LiveClient.StartAsync("transport-ws", server,
            "subscription($p: String!, $a: Long) { deletions(where: { fqn: { startsWith: $p } }, after: $a) { eventSequence kind } }", new { p = prefix, a = after });

        Assert.Equal([created, deleted, other], (await changes.WaitForResultsAsync(3)).Select(r => (long)r["changes"]!["sequence"]!));
        Assert.Equal([created, deleted], (await entity.WaitForResultsAsync(2)).Select(r => (long)r["entityChanged"]!["sequence"]!));
        Assert.Equal([other], (await byFqn.WaitForResultsAsync(1)).Select(r => (long)r["entityChanged"]!["sequence"]!));
        var deletion = (await deletions.WaitForResultsAsync(1))[0]["deletions"]!;
        Assert.Equal(deleted, (long)deletion["eventSequence"]!);
        Assert.Equal("HARD", (string?)deletion["kind"]);
        await Task.Delay(300);
        Assert.Equal(3, changes.Results.Count);
        Assert.Single(deletions.Results);
    }

    [Fact]
    public async Task change_statistics_replay_from_the_database_and_count_commits_larger_than_the_memory_window()
    {
        var prefix = "replaystats" + Guid.NewGuid().ToString("N")[..8];
        var hour = new DateTime(2046, 3, 1, 1, 0, 0, DateTimeKind.Utc);
        long At(DateTime utc) => (long)(utc - DateTime.UnixEpoch).TotalMilliseconds;
        var table = OmEvent.Created(Guid.NewGuid(), prefix + ".t", timestamp: At(hour));
        var created = await PostAsync(table);
        var updated = await PostAsync(table.Next(minutesLater: 60));
        var filler = await server.PostAsync(OmEvent.Batch([.. Enumerable.Range(0, 40).Select(i => OmEvent.Created(Guid.NewGuid(), $"filler.{prefix}.{i}"))]));
        Assert.Equal(HttpStatusCode.OK, filler.StatusCode);

        await using var stats = await LiveClient.StartAsync("transport-ws", server,
            "subscription($p: String!, $a: Long) { changeStats(bucket: HOUR, where: { fqn: { startsWith: $p } }, after: $a) { start count sequence } }",
            new { p = prefix, a = created - 1 });
        var replayed = (await stats.WaitForResultsAsync(2)).Select(r => r["changeStats"]!).ToList();
        Assert.Equal([(created, 1L), (updated, 1L)], replayed.Select(u => ((long)u["sequence"]!, (long)u["count"]!)));

        // One commit of 40 events in a third hour: more than the feed keeps, so the count reads them from the store.
        var many = await server.PostAsync(OmEvent.Batch([.. Enumerable.Range(0, 40).Select(i => OmEvent.Created(Guid.NewGuid(), $"{prefix}.many{i}", timestamp: At(hour.AddHours(2))))]));
        Assert.Equal(HttpStatusCode.OK, many.StatusCode);
        var third = await stats.WaitForAsync(lines => lines.LastOrDefault(l => (long?)l["data"]?["changeStats"]?["count"] == 40), "the third hour's 40 events");
        Assert.Equal(hour.AddHours(2), DateTime.Parse((string)third["data"]!["changeStats"]!["start"]!).ToUniversalTime());
        Assert.All(stats.Results.Skip(2), r => Assert.Equal(hour.AddHours(2), DateTime.Parse((string)r["changeStats"]!["start"]!).ToUniversalTime()));
    }

    private async Task<long> PostAsync(OmEvent e)
    {
        var response = await server.PostAsync(e.ToJson());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (long)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["sequences"]![0]!;
    }
}

public sealed class PostgresStoreReplayTests(PostgresStoreReplayTests.ServerFixture fixture)
    : StoreReplayTests(fixture.Server), IClassFixture<PostgresStoreReplayTests.ServerFixture>
{
    public sealed class ServerFixture : PostgresServerFixture
    {
        protected override string[] Settings => ["Subscriptions:FeedBufferEvents=16"];
    }
}

public sealed class SqliteStoreReplayTests(SqliteStoreReplayTests.ServerFixture fixture)
    : StoreReplayTests(fixture.Server), IClassFixture<SqliteStoreReplayTests.ServerFixture>
{
    public sealed class ServerFixture : SqliteServerFixture
    {
        protected override string[] Settings => ["Subscriptions:FeedBufferEvents=16"];
    }
}
