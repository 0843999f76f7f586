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
