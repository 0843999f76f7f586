using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using HistoryGraph.TestSupport;

namespace HistoryGraph.Tests.Schema;

/// entities, versions, fieldChanges, users and deletions, on PostgreSQL and on SQLite. Each
/// test writes a history of its own (a fresh fqn prefix and user names) and filters on it.
public abstract class ConnectionsTests(HistoryGraphServer server)
{
    private readonly string _prefix = $"svc{Guid.NewGuid():N}.db.s";
    private readonly string _user = $"user{Guid.NewGuid():N}";
    private readonly string _bot = $"ingest{Guid.NewGuid():N}-bot";

    /// Two tables: table_a with three versions and a tag, table_b soft-deleted, restored, then hard-deleted.
    private async Task SeedAsync()
    {
        var a = OmEvent.Created(Guid.NewGuid(), $"{_prefix}.table_a") with { UserName = _user };
        var a2 = a.Next().Set("description", "first") with { UserName = _user };
        var a3 = a2.Next().Set("tags", new JsonArray(new JsonObject { ["tagFQN"] = "PII.Sensitive", ["source"] = "Classification" })) with { UserName = _bot };
        var b = OmEvent.Created(Guid.NewGuid(), $"{_prefix}.table_b", timestamp: a.Timestamp + 500) with { UserName = _user };
        var b2 = b.Next("entitySoftDeleted").Set("deleted", true) with { UserName = _user };
        var b3 = b2.Next("entityRestored").Set("deleted", false) with { UserName = _user };
        var b4 = b3 with { Id = Guid.NewGuid().ToString(), EventType = "entityDeleted", Timestamp = b3.Timestamp + 60_000, WithChangeDescription = false };
        (await server.PostAsync(OmEvent.Batch(a, a2, a3, b, b2, b3, b4))).EnsureSuccessStatusCode();
    }

    private async Task<JsonElement> QueryAsync(string query)
    {
        var response = await server.Client.PostAsJsonAsync("/graphql", new { query = query.Replace("PREFIX", _prefix).Replace("USER", _user).Replace("BOT", _bot) });
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.False(body.TryGetProperty("errors", out var errors), errors.ToString());
        return body.GetProperty("data");
    }

    private static List<string?> Values(JsonElement connection, string field) =>
        connection.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty(field).ValueKind == JsonValueKind.Null ? null : n.GetProperty(field).ToString()).ToList();

    [Fact]
    public async Task entities_filter_on_lifecycle_and_sort_by_fqn()
    {
        await SeedAsync();
        var data = await QueryAsync("""
            { active: entities(where: { fqn: { startsWith: "PREFIX." }, lifecycle: { eq: ACTIVE } }) { nodes { fqn version } }
              gone: entities(where: { fqn: { startsWith: "PREFIX." }, lifecycle: { in: [SOFT_DELETED, HARD_DELETED] } }) { nodes { fqn lifecycle } }
              all: entities(where: { fqn: { startsWith: "PREFIX." } }, order: [{ fqn: DESC }]) { totalCount nodes { fqn } } }
            """);
        Assert.Equal([$"{_prefix}.table_a"], Values(data.GetProperty("active"), "fqn"));
        Assert.Equal("0.3", Values(data.GetProperty("active"), "version")[0]);
        Assert.Equal(["HARD_DELETED"], Values(data.GetProperty("gone"), "lifecycle"));
        Assert.Equal([$"{_prefix}.table_b", $"{_prefix}.table_a"], Values(data.GetProperty("all"), "fqn"));
        Assert.Equal(2, data.GetProperty("all").GetProperty("totalCount").GetInt32());
    }

    [Theory]
    [InlineData("tagFqns: { some: { eq: \"PII.Sensitive\" } }", "x1")]
    [InlineData("tagFqns: { some: { startsWith: \"PII.\" } }", "x1,x2")]
    [InlineData("tagFqns: { none: { startsWith: \"PII.\" } }", "x3")]
    [InlineData("tagFqns: { any: false }", "x3")]
    [InlineData("tagFqns: { any: true }", "x1,x2")]
    [InlineData("ownerNames: { some: { eq: \"sales\" } }", "x1,x2")]
    [InlineData("ownerNames: { all: { eq: \"sales\" } }", "x1,x3")]
    [InlineData("or: [{ ownerNames: { some: { eq: \"finance\" } } }, { tagFqns: { some: { eq: \"Tier.Tier1\" } } }]", "x1,x2")]
    public async Task entities_filter_on_their_tags_and_owners(string condition, string expected)
    {
        JsonArray Tags(params string[] fqns) => new([.. fqns.Select(f => (JsonNode)new JsonObject { ["tagFQN"] = f, ["source"] = "Classification" })]);
        JsonArray Owners(params string[] names) => new([.. names.Select(n => (JsonNode)new JsonObject { ["id"] = Guid.NewGuid().ToString(), ["type"] = "team", ["name"] = n })]);
        var x1 = OmEvent.Created(Guid.NewGuid(), $"{_prefix}.x1") with { Entity = new JsonObject { ["tags"] = Tags("PII.Sensitive", "Tier.Tier1"), ["owners"] = Owners("sales") } };
        var x2 = OmEvent.Created(Guid.NewGuid(), $"{_prefix}.x2") with { Entity = new JsonObject { ["tags"] = Tags("PII.NonSensitive"), ["owners"] = Owners("finance", "sales") } };
        var x3 = OmEvent.Created(Guid.NewGuid(), $"{_prefix}.x3");
        (await server.PostAsync(OmEvent.Batch(x1, x2, x3))).EnsureSuccessStatusCode();

        var data = await QueryAsync($$"""{ entities(where: { fqn: { startsWith: "PREFIX." }, {{condition}} }, order: [{ fqn: ASC }]) { nodes { fqn tagFqns ownerNames } } }""");
        var nodes = data.GetProperty("entities").GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal(expected, string.Join(",", nodes.Select(n => n.GetProperty("fqn").GetString()![(_prefix.Length + 1)..])));
        if (nodes.FirstOrDefault(n => n.GetProperty("fqn").GetString()!.EndsWith(".x2")) is { ValueKind: JsonValueKind.Object } second)
        {
            Assert.Equal(["PII.NonSensitive"], second.GetProperty("tagFqns").EnumerateArray().Select(t => t.GetString()));
            Assert.Equal(["finance", "sales"], second.GetProperty("ownerNames").EnumerateArray().Select(t => t.GetString()));
        }
    }

    [Theory]
    [InlineData("fieldChanges", "entity: { lifecycle: { eq: HARD_DELETED } }", 2)]
    [InlineData("fieldChanges", "event: { eventType: { eq: \"entityRestored\" } }", 1)]
    [InlineData("fieldChanges", "entity: { fqn: { endsWith: \"table_a\" } }, event: { userName: { eq: \"BOT\" } }", 1)]
    [InlineData("versions", "entity: { fqn: { endsWith: \"table_a\" } }", 3)]
    [InlineData("events", "entity: { lifecycle: { eq: ACTIVE } }", 3)]
    [InlineData("deletions", "entity: { lifecycle: { neq: ACTIVE } }", 2)]
    [InlineData("deletions", "entity: { fqn: { endsWith: \"table_a\" } }", 0)]
    public async Task rows_filter_on_their_related_entity_and_event(string connection, string condition, int expected)
    {
        await SeedAsync();
        var data = await QueryAsync($$"""{ {{connection}}(first: 50, where: { fqn: { startsWith: "PREFIX." }, {{condition}} }) { totalCount nodes { __typename } } }""");
        Assert.Equal(expected, data.GetProperty(connection).GetProperty("totalCount").GetInt32());
        Assert.Equal(expected, data.GetProperty(connection).GetProperty("nodes").GetArrayLength());
    }

    [Fact]
    public async Task versions_page_through_a_composite_key()
    {
        await SeedAsync();
        var all = Values((await QueryAsync("""{ versions(first: 50, where: { fqn: { startsWith: "PREFIX." } }, order: [{ version: DESC }]) { nodes { version fqn } } }""")).GetProperty("versions"), "version");
        Assert.Equal(6, all.Count); // 3 of table_a, 3 of table_b (its hard delete repeats 0.3)
        var paged = new List<string?>();
        string? after = null;
        do
        {
            var page = (await QueryAsync($$"""{ versions(first: 3, {{(after is null ? "" : $"after: \"{after}\",")}} where: { fqn: { startsWith: "PREFIX." } }, order: [{ version: DESC }]) { pageInfo { hasNextPage endCursor } nodes { version } } }""")).GetProperty("versions");
            paged.AddRange(Values(page, "version"));
            after = page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean() ? page.GetProperty("pageInfo").GetProperty("endCursor").GetString() : null;
        }
        while (after is not null);
        Assert.Equal(all, paged);
    }

    [Fact]
    public async Task field_changes_filter_on_category_and_change_type_and_decode_values()
    {
        await SeedAsync();
        var data = await QueryAsync("""
            { tags: fieldChanges(where: { fqn: { startsWith: "PREFIX." }, category: { eq: TAGS } }) { nodes { path changeType changedBy newValue } }
              deletion: fieldChanges(where: { fqn: { startsWith: "PREFIX." }, category: { eq: DELETION }, changeType: { eq: UPDATED } }, order: [{ changedAt: ASC }]) { nodes { oldValue newValue } } }
            """);
        var tag = data.GetProperty("tags").GetProperty("nodes")[0];
        Assert.Equal(("tags", "ADDED", _bot), (tag.GetProperty("path").GetString(), tag.GetProperty("changeType").GetString(), tag.GetProperty("changedBy").GetString()));
        Assert.Equal("PII.Sensitive", tag.GetProperty("newValue")[0].GetProperty("tagFQN").GetString());
        // The restore updates deleted from true to false (the soft delete added the flag).
        var restore = Assert.Single(data.GetProperty("deletion").GetProperty("nodes").EnumerateArray());
        Assert.Equal((JsonValueKind.True, JsonValueKind.False), (restore.GetProperty("oldValue").ValueKind, restore.GetProperty("newValue").ValueKind));
    }

    [Fact]
    public async Task deletions_tell_who_deleted_and_restored_what()
    {
        await SeedAsync();
        var deletions = (await QueryAsync("""{ deletions(where: { fqn: { startsWith: "PREFIX." } }, order: [{ deletedAt: ASC }]) { nodes { fqn kind deletedBy restoredBy lastSnapshot } } }""")).GetProperty("deletions").GetProperty("nodes");
        Assert.Equal(2, deletions.GetArrayLength());
        Assert.Equal(("SOFT", _user), (deletions[0].GetProperty("kind").GetString(), deletions[0].GetProperty("restoredBy").GetString()));
        Assert.Equal("HARD", deletions[1].GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, deletions[1].GetProperty("restoredBy").ValueKind);
        Assert.Equal($"{_prefix}.table_b", deletions[1].GetProperty("lastSnapshot").GetProperty("fullyQualifiedName").GetString());
    }

    [Fact]
    public async Task users_are_found_by_name_and_sorted_by_activity()
    {
        await SeedAsync();
        var data = await QueryAsync("""
            { user(name: "USER") { name changeCount isBot }
              users(where: { name: { in: ["USER", "BOT"] } }, order: [{ changeCount: DESC }]) { nodes { name isBot } } }
            """);
        Assert.Equal(6, data.GetProperty("user").GetProperty("changeCount").GetInt64());
        Assert.False(data.GetProperty("user").GetProperty("isBot").GetBoolean());
        var users = data.GetProperty("users").GetProperty("nodes");
        Assert.Equal(_user, users[0].GetProperty("name").GetString());
        Assert.True(users.EnumerateArray().Single(u => u.GetProperty("name").GetString() == _bot).GetProperty("isBot").GetBoolean());
    }
}

public sealed class PostgresConnectionsTests(PostgresServerFixture fixture) : ConnectionsTests(fixture.Server), IClassFixture<PostgresServerFixture>;

public sealed class SqliteConnectionsTests(SqliteServerFixture fixture) : ConnectionsTests(fixture.Server), IClassFixture<SqliteServerFixture>;
