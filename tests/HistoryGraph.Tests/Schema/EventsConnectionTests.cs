using System.Net.Http.Json;
using System.Text.Json;
using HistoryGraph.TestSupport;

namespace HistoryGraph.Tests.Schema;

/// The events connection: filters, sorts and keyset paging, on PostgreSQL and on SQLite. Each
/// test writes events under an fqn prefix of its own and filters on it.
public abstract class EventsConnectionTests(HistoryGraphServer server)
{
    private readonly string _prefix = $"svc{Guid.NewGuid():N}.db.s";

    private async Task<List<OmEvent>> SeedAsync()
    {
        // Three tables, with users a, b and none, versions up to 0.3, one soft delete.
        var events = new List<OmEvent>();
        for (var t = 0; t < 3; t++)
        {
            var created = OmEvent.Created(Guid.NewGuid(), $"{_prefix}.table_{t}", timestamp: 1_800_000_000_000 + t * 1000) with { UserName = t == 2 ? null : "a" };
            var updated = created.Next().Set("description", $"d{t}") with { UserName = "b" };
            events.AddRange([created, updated]);
            if (t == 1)
                events.Add(updated.Next("entitySoftDeleted").Set("deleted", true) with { UserName = "a" });
        }
        var response = await server.PostAsync(OmEvent.Batch([.. events]));
        response.EnsureSuccessStatusCode();
        return events;
    }

    private async Task<JsonElement> QueryAsync(string arguments, string selection = "nodes { eventId sequence eventType userName fqn currentVersion timestamp }")
    {
        // The test's own events only: its condition goes beside the prefix condition in an `and`.
        var mine = $"{{ fqn: {{ startsWith: \"{_prefix}.\" }} }}";
        var args = arguments.Contains("where:")
            ? arguments.Replace("where: {", $"where: {{ and: [{mine}, {{") + "] }"
            : $"{arguments} where: {{ and: [{mine}] }}";
        var response = await server.Client.PostAsJsonAsync("/graphql", new { query = $"{{ events({args}) {{ {selection} }} }}" });
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.False(body.TryGetProperty("errors", out var errors), errors.ToString());
        return body.GetProperty("data").GetProperty("events");
    }

    private static List<string> Ids(JsonElement connection) =>
        connection.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("eventId").GetString()!).ToList();

    [Fact]
    public async Task events_come_newest_first_and_page_forwards_and_backwards_without_gaps()
    {
        var events = await SeedAsync();
        var all = Ids(await QueryAsync("first: 50"));
        Assert.Equal(events.Select(e => e.Id).Reverse(), all);

        var forwards = new List<string>();
        string? after = null;
        while (true)
        {
            var page = await QueryAsync($"first: 2 {(after is null ? "" : $"after: \"{after}\"")}", "pageInfo { hasNextPage endCursor } nodes { eventId }");
            forwards.AddRange(Ids(page));
            if (!page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean())
                break;
            after = page.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        }
        Assert.Equal(all, forwards);

        var backwards = new List<string>();
        string? before = null;
        while (true)
        {
            var page = await QueryAsync($"last: 3 {(before is null ? "" : $"before: \"{before}\"")}", "pageInfo { hasPreviousPage startCursor } nodes { eventId }");
            backwards.InsertRange(0, Ids(page));
            if (!page.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean())
                break;
            before = page.GetProperty("pageInfo").GetProperty("startCursor").GetString();
        }
        Assert.Equal(all, backwards);
    }

    [Theory]
    [InlineData("eventType: { eq: \"entitySoftDeleted\" }", 1)]
    [InlineData("eventType: { neq: \"entityCreated\" }", 4)]
    [InlineData("eventType: { in: [\"entityCreated\", \"entitySoftDeleted\"] }", 4)]
    [InlineData("eventType: { nin: [\"entityCreated\"] }", 4)]
    [InlineData("fqn: { contains: \"table_1\" }", 3)]
    [InlineData("fqn: { ncontains: \"table_1\" }", 4)]
    [InlineData("fqn: { endsWith: \"_2\" }", 2)]
    [InlineData("fqn: { nendsWith: \"_2\" }", 5)]
    [InlineData("fqn: { nstartsWith: \"nothing\" }", 7)]
    [InlineData("userName: { eq: null }", 1)]
    [InlineData("userName: { neq: null }", 6)]
    [InlineData("userName: { eq: \"a\" }", 3)]
    [InlineData("currentVersion: { gt: 0.1 }", 4)]
    [InlineData("currentVersion: { gte: 0.2, lt: 0.3 }", 3)]
    [InlineData("currentVersion: { ngt: 0.2 }", 6)]
    [InlineData("currentVersion: { nlte: 0.2 }", 1)]
    [InlineData("timestamp: { gte: \"2027-01-15T08:00:01Z\" }", 6)]
    [InlineData("timestamp: { lt: \"2027-01-15T08:00:01Z\", ngte: \"2020-01-01T00:00:00Z\" }", 0)]
    [InlineData("or: [{ eventType: { eq: \"entitySoftDeleted\" } }, { userName: { eq: null } }]", 2)]
    [InlineData("and: [{ userName: { eq: \"b\" } }, { fqn: { endsWith: \"_0\" } }]", 1)]
    [InlineData("eventType: { or: [{ eq: \"entityCreated\" }, { eq: \"entitySoftDeleted\" }] }", 4)]
    public async Task every_filter_operation_translates_to_sql(string condition, int expected)
    {
        await SeedAsync();
        Assert.Equal(expected, (await QueryAsync($"first: 50 where: {{ {condition} }}", "totalCount nodes { eventId }")).GetProperty("nodes").GetArrayLength());
    }

    [Fact]
    public async Task total_count_counts_every_match_not_just_the_page()
    {
        await SeedAsync();
        var page = await QueryAsync("first: 2 where: { userName: { neq: null } }", "totalCount nodes { eventId }");
        Assert.Equal((6, 2), (page.GetProperty("totalCount").GetInt32(), page.GetProperty("nodes").GetArrayLength()));
    }

    [Theory]
    [InlineData("userName: ASC")]
    [InlineData("userName: DESC")]
    [InlineData("currentVersion: DESC, timestamp: ASC")]
    [InlineData("fqn: ASC")]
    public async Task any_order_pages_through_every_event_once_with_nulls_last_forwards_and_backwards(string order)
    {
        await SeedAsync();
        var all = await QueryAsync($"first: 50 order: [{{ {order} }}]");
        var ids = Ids(all);
        Assert.Equal(7, ids.Count);
        var firstField = order.Split(':')[0];
        var values = all.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty(firstField)).ToList();
        Assert.DoesNotContain(values.SkipWhile(v => v.ValueKind != JsonValueKind.Null), v => v.ValueKind != JsonValueKind.Null);

        var paged = new List<string>();
        string? after = null;
        do
        {
            var page = await QueryAsync($"first: 2 order: [{{ {order} }}] {(after is null ? "" : $"after: \"{after}\"")}", "pageInfo { hasNextPage endCursor } nodes { eventId }");
            paged.AddRange(Ids(page));
            after = page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean() ? page.GetProperty("pageInfo").GetProperty("endCursor").GetString() : null;
        }
        while (after is not null);
        Assert.Equal(ids, paged);

        // Backwards from the end, in the same order (nulls last, whichever way the store sorts).
        var backwards = new List<string>();
        string? before = null;
        do
        {
            var page = await QueryAsync($"last: 2 order: [{{ {order} }}] {(before is null ? "" : $"before: \"{before}\"")}", "pageInfo { hasPreviousPage startCursor } nodes { eventId }");
            backwards.InsertRange(0, Ids(page));
            before = page.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean() ? page.GetProperty("pageInfo").GetProperty("startCursor").GetString() : null;
        }
        while (before is not null);
        Assert.Equal(ids, backwards);
    }

    [Fact]
    public async Task a_cursor_stays_valid_while_new_events_arrive()
    {
        await SeedAsync();
        var first = await QueryAsync("first: 3 order: [{ timestamp: ASC }]", "pageInfo { endCursor } nodes { eventId }");
        var before = Ids(await QueryAsync("first: 50 order: [{ timestamp: ASC }]"));

        await server.PostAsync(OmEvent.Created(Guid.NewGuid(), $"{_prefix}.late", timestamp: 1_900_000_000_000).ToJson());
        var cursor = first.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        var rest = Ids(await QueryAsync($"first: 50 order: [{{ timestamp: ASC }}] after: \"{cursor}\""));
        Assert.Equal(before.Skip(3), rest.Take(before.Count - 3));
        Assert.Equal(before.Count - 3 + 1, rest.Count);
    }

    [Theory]
    [InlineData("first: 51", "HC0051")]
    [InlineData("last: 51", "HC0051")]
    [InlineData("first: 2 last: 2", "PAGING_ARGUMENTS")]
    [InlineData("after: \"not-a-cursor\"", "INVALID_CURSOR")]
    [InlineData("after: \"WzFd\" order: [{ timestamp: ASC }]", "INVALID_CURSOR")]
    public async Task paging_mistakes_are_errors_with_codes(string arguments, string code)
    {
        var response = await server.Client.PostAsJsonAsync("/graphql", new { query = $"{{ events({arguments}) {{ nodes {{ eventId }} }} }}" });
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors")[0];
        Assert.Equal(code, error.GetProperty("extensions").GetProperty("code").GetString());
    }
}

public sealed class PostgresEventsConnectionTests(PostgresServerFixture fixture) : EventsConnectionTests(fixture.Server), IClassFixture<PostgresServerFixture>;

public sealed class SqliteEventsConnectionTests(SqliteServerFixture fixture) : EventsConnectionTests(fixture.Server), IClassFixture<SqliteServerFixture>;
