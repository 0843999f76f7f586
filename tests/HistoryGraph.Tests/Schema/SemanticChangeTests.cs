using System.Text.Json.Nodes;
using HistoryGraph.TestSupport;
using HistoryGraph.Tests.Live;

namespace HistoryGraph.Tests.Schema;

/// Semantic steps through the API: filtered, sorted and paged in SQL, and live.
public abstract class SemanticChangeTests(HistoryGraphServer server)
{
    /// Under a fresh prefix: a table created (MINOR), documented (PATCH), a column dropped
    /// (MAJOR), followed (NONE), then retyped (MAJOR), and a second table created.
    private async Task<(string Prefix, OmEvent[] Events)> HistoryAsync()
    {
        var prefix = "sem" + Guid.NewGuid().ToString("N")[..8];
        var created = OmEvent.Created(Guid.NewGuid(), prefix + ".db.s.orders");
        var documented = created.Next().Set("description", "Orders");
        var dropped = documented.Next(step: 1.0m).Change("fieldsDeleted", "columns", JsonValue.Create("""[{"name":"legacy","dataType":"INT"}]"""), null);
        var followed = dropped.Next(step: 0m) with { Entity = null };
        followed = followed.Change("fieldsAdded", "followers", null, JsonValue.Create("""[{"id":"u1","type":"user"}]"""));
        var retyped = dropped.Next(minutesLater: 2, step: 1.0m).Change("fieldsUpdated", "columns.id.dataType", JsonValue.Create("INT"), JsonValue.Create("BIGINT"));
        var other = OmEvent.Created(Guid.NewGuid(), prefix + ".db.s.customers", timestamp: created.Timestamp + 500);
        var events = new[] { created, documented, dropped, followed, retyped, other };
        await server.PostAsync(OmEvent.Batch(events));
        return (prefix, events);
    }

    [Fact]
    public async Task breaking_changes_under_a_prefix_in_a_window_are_one_query_on_events_versions_and_field_changes()
    {
        var (prefix, events) = await HistoryAsync();
        var since = DateTime.UnixEpoch.AddMilliseconds(events[0].Timestamp);
        var data = await server.QueryAsync("""
            query($prefix: String!, $since: DateTime!) {
              events(where: { breaking: { eq: true }, fqn: { startsWith: $prefix }, timestamp: { gte: $since } }, order: [{ timestamp: ASC }]) {
                nodes { eventType currentVersion semanticChange breaking } }
              versions(where: { breaking: { eq: true }, fqn: { startsWith: $prefix } }, order: [{ version: ASC }]) { nodes { version semanticChange } }
              fieldChanges(where: { breaking: { eq: true }, fqn: { startsWith: $prefix } }, order: [{ changedAt: ASC }]) { nodes { path semanticChange breaking } }
              notBreaking: events(where: { breaking: { eq: false }, fqn: { startsWith: $prefix } }, order: [{ timestamp: ASC }]) { nodes { semanticChange } }
            }
            """, new { prefix = prefix + ".", since });
        var breaking = data.GetProperty("events").GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal([1.2m, 2.2m], breaking.Select(e => e.GetProperty("currentVersion").GetDecimal()));
        Assert.All(breaking, e => Assert.Equal(("MAJOR", true), (e.GetProperty("semanticChange").GetString(), e.GetProperty("breaking").GetBoolean())));
        Assert.Equal([1.2m, 2.2m], data.GetProperty("versions").GetProperty("nodes").EnumerateArray().Select(v => v.GetProperty("version").GetDecimal()));
        Assert.Equal(["columns", "columns.id.dataType"], data.GetProperty("fieldChanges").GetProperty("nodes").EnumerateArray().Select(f => f.GetProperty("path").GetString()));
        Assert.Equal(["MINOR", "MINOR", "PATCH", "NONE"], data.GetProperty("notBreaking").GetProperty("nodes").EnumerateArray().Select(e => e.GetProperty("semanticChange").GetString()));
    }

    [Fact]
    public async Task events_sort_by_semantic_step_and_page_through_it_with_cursors()
    {
        var (prefix, _) = await HistoryAsync();
        const string Page = """
            query($prefix: String!, $after: String) {
              events(first: 2, after: $after, where: { fqn: { startsWith: $prefix } }, order: [{ semanticChange: DESC }, { timestamp: ASC }]) {
                pageInfo { hasNextPage endCursor } nodes { semanticChange currentVersion } } }
            """;
        var seen = new List<string>();
        string? after = null;
        do
        {
            var page = (await server.QueryAsync(Page, new { prefix = prefix + ".", after })).GetProperty("events");
            seen.AddRange(page.GetProperty("nodes").EnumerateArray().Select(e => $"{e.GetProperty("semanticChange").GetString()} {e.GetProperty("currentVersion").GetDecimal()}"));
            after = page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean() ? page.GetProperty("pageInfo").GetProperty("endCursor").GetString() : null;
        }
        while (after is not null);
        Assert.Equal(["MAJOR 1.2", "MAJOR 2.2", "MINOR 0.1", "MINOR 0.1", "PATCH 0.2", "NONE 1.2"], seen);

        var filtered = await server.QueryAsync("query($prefix: String!) { fieldChanges(where: { fqn: { startsWith: $prefix }, semanticChange: { in: [PATCH, NONE] } }, order: [{ semanticChange: ASC }]) { nodes { path semanticChange } } }",
            new { prefix = prefix + "." });
        Assert.Equal(["followers NONE", "description PATCH"],
            filtered.GetProperty("fieldChanges").GetProperty("nodes").EnumerateArray().Select(f => $"{f.GetProperty("path").GetString()} {f.GetProperty("semanticChange").GetString()}"));
    }

    [Fact]
    public async Task a_subscription_to_breaking_changes_gets_exactly_the_breaking_events()
    {
        var prefix = "sem" + Guid.NewGuid().ToString("N")[..8];
        await using var client = await LiveClient.StartAsync("transport-ws", server, """
            subscription($prefix: String!) { changes(where: { breaking: { eq: true }, fqn: { startsWith: $prefix } }) { currentVersion semanticChange fieldChanges { path semanticChange } } }
            """, new { prefix = prefix + "." });
        await HistoryAsyncUnder(prefix);
        var results = (await client.WaitForResultsAsync(2)).Select(r => r["changes"]!).ToList();
        Assert.Equal([1.2m, 2.2m], results.Select(r => (decimal)r["currentVersion"]!));
        Assert.All(results, r => Assert.Equal("MAJOR", (string?)r["semanticChange"]));
        await Task.Delay(300);
        Assert.Equal(2, client.Results.Count);
    }

    private async Task HistoryAsyncUnder(string prefix)
    {
        var created = OmEvent.Created(Guid.NewGuid(), prefix + ".db.s.orders");
        var documented = created.Next().Set("description", "Orders");
        var dropped = documented.Next(step: 1.0m).Change("fieldsDeleted", "columns", JsonValue.Create("""[{"name":"legacy","dataType":"INT"}]"""), null);
        var retyped = dropped.Next(step: 1.0m).Change("fieldsUpdated", "columns.id.dataType", JsonValue.Create("INT"), JsonValue.Create("BIGINT"));
        foreach (var e in new[] { created, documented, dropped, retyped })
            await server.PostAsync(e.ToJson());
    }
}

public sealed class PostgresSemanticChangeTests(PostgresServerFixture fixture) : SemanticChangeTests(fixture.Server), IClassFixture<PostgresServerFixture>;

public sealed class SqliteSemanticChangeTests(SqliteServerFixture fixture) : SemanticChangeTests(fixture.Server), IClassFixture<SqliteServerFixture>;
