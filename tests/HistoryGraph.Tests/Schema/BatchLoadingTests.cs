using System.Net.Http.Json;
using System.Text.Json;
using HistoryGraph.TestSupport;
using Npgsql;

namespace HistoryGraph.Tests.Schema;

/// Nested fields are loaded in batches: the statement count of a query does not grow with the
/// number of parents.
public class BatchLoadingTests(PostgresServerFixture fixture) : IClassFixture<PostgresServerFixture>
{
    private IReadOnlyList<string> _lastCommands = [];

    private async Task<(int Statements, JsonElement Data)> CountAsync(string query)
    {
        using var counter = await SqlCommandCounter.StartAsync(new NpgsqlConnectionStringBuilder(fixture.ConnectionString).Database!);
        // A first run lets every logger notice the subscriber; the second is the one counted.
        await fixture.Server.Client.PostAsJsonAsync("/graphql", new { query });
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await fixture.Server.Client.PostAsJsonAsync("/graphql", new { query });
        counter.Reset();
        var response = await fixture.Server.Client.PostAsJsonAsync("/graphql", new { query });
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.False(body.TryGetProperty("errors", out var errors), errors.ToString());
        // The live feed polls the store now and then on its own (`sequence > @head`), and the
        // notification services look for work (notification_*): not the query's.
        _lastCommands = counter.InRequests.Where(c => !c.Contains("sequence > @head", StringComparison.Ordinal) && !c.Contains("notification_", StringComparison.Ordinal)).ToList();
        return (_lastCommands.Count, body.GetProperty("data"));
    }

    /// Whether a statement reads a table (`FROM t`) or a column (`alias.c`), as EF Core writes
    /// them or quoted, as the compiled path does.
    private static bool Reads(string command, string name) =>
        command.Contains($".{name}", StringComparison.Ordinal) || command.Contains($".\"{name}\"", StringComparison.Ordinal)
        || command.Contains($"FROM {name}", StringComparison.Ordinal) || command.Contains($"FROM \"{name}\"", StringComparison.Ordinal);

    [Fact]
    public async Task fifty_entities_with_their_last_five_versions_and_users_cost_a_fixed_few_statements()
    {
        var prefix = $"svc{Guid.NewGuid():N}.db.s";
        for (var batch = 0; batch < 6; batch++)
        {
            var events = new List<OmEvent>();
            for (var t = batch * 10; t < batch * 10 + 10; t++)
            {
                var e = OmEvent.Created(Guid.NewGuid(), $"{prefix}.table_{t:D2}") with { UserName = $"user_{t % 7}" };
                events.Add(e);
                for (var v = 0; v < 6; v++)
                    events.Add(e = e.Next().Set("description", $"v{v}") with { UserName = $"user_{(t + v) % 7}" });
            }
            (await fixture.Server.PostAsync(OmEvent.Batch([.. events]))).EnsureSuccessStatusCode();
        }

        string Query(int entities, string versionFilter = "") => $$"""
            { entities(first: {{entities}}, where: { fqn: { startsWith: "{{prefix}}." } }, order: [{ fqn: ASC }]) {
                nodes { fqn versions(first: 5{{versionFilter}}) { totalCount nodes { version changedBy user { name changeCount } } } } } }
            """;
        var (filtered, filteredData) = await CountAsync(Query(50, ", where: { version: { gte: 0.1 } }"));
        // With a filter, a window picks each entity's first versions, over those entities only.
        var window = Assert.Single(_lastCommands, c => c.Contains("ROW_NUMBER()"));
        var start = window.IndexOf("ROW_NUMBER()", StringComparison.Ordinal);
        var inner = window[start..window.IndexOf(".row <=", start, StringComparison.Ordinal)];
        Assert.Contains("entity_id = ANY", inner);

        var (fifty, data) = await CountAsync(Query(50));
        var fiftyCommands = _lastCommands;
        var (ten, _) = await CountAsync(Query(10));
        _lastCommands = fiftyCommands;

        Assert.Equal(filteredData.ToString(), data.ToString());
        var nodes = data.GetProperty("entities").GetProperty("nodes");
        Assert.Equal(50, nodes.GetArrayLength());
        Assert.All(nodes.EnumerateArray(), n =>
        {
            var versions = n.GetProperty("versions");
            Assert.Equal(7, versions.GetProperty("totalCount").GetInt32());
            Assert.Equal([0.7m, 0.6m, 0.5m, 0.4m, 0.3m], versions.GetProperty("nodes").EnumerateArray().Select(v => v.GetProperty("version").GetDecimal()));
            Assert.All(versions.GetProperty("nodes").EnumerateArray(), v => Assert.Equal(v.GetProperty("changedBy").GetString(), v.GetProperty("user").GetProperty("name").GetString()));
        });
        // The page of entities, the first versions of all of them, their counts, the users.
        Assert.True(fifty == 4 && filtered == 4, string.Join("\n----\n", _lastCommands));
        // Without a filter, each entity's first versions come by LATERAL, all in one statement.
        var lateral = Assert.Single(_lastCommands, c => c.Contains("LATERAL", StringComparison.Ordinal));
        Assert.Contains("unnest(@keys)", lateral);
        Assert.DoesNotContain(_lastCommands, c => c.Contains("ROW_NUMBER()", StringComparison.Ordinal));
        Assert.Equal(ten, fifty);
    }

    [Fact]
    public async Task a_page_reads_the_large_columns_only_when_a_field_that_needs_them_is_selected()
    {
        var prefix = $"svc{Guid.NewGuid():N}.db.s";
        var e = OmEvent.Created(Guid.NewGuid(), $"{prefix}.orders");
        (await fixture.Server.PostAsync(OmEvent.Batch(e, e.Next().Set("description", "Orders")))).EnsureSuccessStatusCode();

        string Events(string fields) => $$"""{ events(where: { fqn: { startsWith: "{{prefix}}." } }) { nodes { sequence {{fields}} } } }""";
        string Changes(string fields) => $$"""{ fieldChanges(where: { fqn: { startsWith: "{{prefix}}." } }) { nodes { path {{fields}} } } }""";
        string Page(IReadOnlyList<string> commands, string table) => Assert.Single(commands, c => Reads(c, table));

        await CountAsync(Events("eventType"));
        var lean = Page(_lastCommands, "change_events");
        Assert.DoesNotContain("payload", lean);
        // A prefix is a parameter, not part of the statement's text.
        Assert.DoesNotContain(prefix, lean);
        var (_, data) = await CountAsync(Events("... on ChangeEvent { payload }"));
        Assert.True(Reads(Page(_lastCommands, "change_events"), "payload"));
        Assert.Equal(e.Id, data.GetProperty("events").GetProperty("nodes")[1].GetProperty("payload").GetProperty("id").GetString());

        await CountAsync(Changes("changeType"));
        Assert.DoesNotContain("old_value", Page(_lastCommands, "field_changes"));
        (_, data) = await CountAsync(Changes("newValue"));
        Assert.True(Reads(Page(_lastCommands, "field_changes"), "new_value"));
        Assert.DoesNotContain("old_value", Page(_lastCommands, "field_changes"));
        Assert.Equal("Orders", data.GetProperty("fieldChanges").GetProperty("nodes")[0].GetProperty("newValue").GetString());
    }

    [Fact]
    public async Task a_page_reads_only_the_columns_its_selection_order_and_cursors_need()
    {
        var prefix = $"svc{Guid.NewGuid():N}.db.s";
        var events = new List<OmEvent>();
        foreach (var name in new[] { "a_orders", "b_customers", "c_payments" })
        {
            var e = OmEvent.Created(Guid.NewGuid(), $"{prefix}.{name}");
            events.Add(e);
            events.Add(e.Next().Set("description", $"About {name}"));
        }
        (await fixture.Server.PostAsync(OmEvent.Batch([.. events]))).EnsureSuccessStatusCode();
        string Page(string table) => Assert.Single(_lastCommands, c => Reads(c, table));

        string Entities(string page, string selection) => $$"""{ entities(where: { fqn: { startsWith: "{{prefix}}." } }, order: [{ updatedAt: DESC }]{{page}}) {{selection}} }""";
        var (_, whole) = await CountAsync(Entities("", "{ nodes { fqn description owners tags tagFqns ownerNames displayName updatedAt } }"));
        var expected = whole.GetProperty("entities").GetProperty("nodes").EnumerateArray().Select(n => (n.GetProperty("fqn").GetString(), n.GetProperty("description").GetString())).ToList();
        Assert.Equal(3, expected.Count);

        // Names and versions: not the description, owners, tags or their lists.
        var (_, data) = await CountAsync(Entities(", first: 2", "{ nodes { fqn version } pageInfo { endCursor } }"));
        var lean = Page("entities");
        foreach (var column in new[] { "description", "owners", "tags", "tag_fqns", "owner_names", "display_name" })
            Assert.False(Reads(lean, column), column);
        // The order's column and the key are read: the cursor holds them.
        Assert.True(Reads(lean, "updated_at"));
        Assert.True(Reads(lean, "entity_id"));
        Assert.Equal(expected.Take(2).Select(e => e.Item1), data.GetProperty("entities").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("fqn").GetString()));
        var cursor = data.GetProperty("entities").GetProperty("pageInfo").GetProperty("endCursor").GetString();
        (_, data) = await CountAsync(Entities($", first: 2, after: \"{cursor}\"", "{ edges { node { ...names } } } } fragment names on Entity { fqn description"));
        Assert.True(Reads(Page("entities"), "description"));
        var next = Assert.Single(data.GetProperty("entities").GetProperty("edges").EnumerateArray()).GetProperty("node");
        Assert.Equal(expected[2], (next.GetProperty("fqn").GetString(), next.GetProperty("description").GetString()));

        // A nested page reads its parent key, to hand each parent its rows, and what is selected.
        (_, data) = await CountAsync($$"""{ entities(where: { fqn: { startsWith: "{{prefix}}." } }, order: [{ fqn: ASC }]) { nodes { id versions(first: 1) { nodes { version } } } } }""");
        // (Compiled on PostgreSQL: one statement, each parent's page a JSON subquery.)
        var versions = Assert.Single(_lastCommands, c => c.Contains("LATERAL", StringComparison.Ordinal) || c.Contains("json_agg", StringComparison.Ordinal));
        Assert.False(Reads(versions, "event_type"));
        Assert.DoesNotContain(".fqn", versions[..versions.IndexOf("FROM", StringComparison.Ordinal)]);
        Assert.All(data.GetProperty("entities").GetProperty("nodes").EnumerateArray(), n =>
            Assert.Equal(0.2m, Assert.Single(n.GetProperty("versions").GetProperty("nodes").EnumerateArray()).GetProperty("version").GetDecimal()));
        Assert.Equal(3, data.GetProperty("entities").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task a_cursor_over_keys_of_one_direction_is_one_row_comparison_in_postgresql()
    {
        var prefix = $"svc{Guid.NewGuid():N}.db.s";
        var e = OmEvent.Created(Guid.NewGuid(), $"{prefix}.orders");
        var events = new List<OmEvent> { e };
        for (var v = 0; v < 5; v++)
            events.Add(e = e.Next().Set("description", $"v{v}"));
        (await fixture.Server.PostAsync(OmEvent.Batch([.. events]))).EnsureSuccessStatusCode();
        string Events(string page) => $$"""{ events(where: { fqn: { startsWith: "{{prefix}}." } }, order: [{ timestamp: DESC }]{{page}}) { nodes { sequence } pageInfo { endCursor } } }""";
        static long[] Sequences(JsonElement data) => data.GetProperty("events").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("sequence").GetInt64()).ToArray();

        var (_, all) = await CountAsync(Events(""));
        var (_, first) = await CountAsync(Events(", first: 2"));
        var cursor = first.GetProperty("events").GetProperty("pageInfo").GetProperty("endCursor").GetString();
        var (_, second) = await CountAsync(Events($", first: 2, after: \"{cursor}\""));

        Assert.Equal(Sequences(all)[2..4], Sequences(second));
        var page = Assert.Single(_lastCommands, c => Reads(c, "change_events"));
        Assert.Matches(@"\(\w+\.""?timestamp""?, \w+\.""?sequence""?\) < \(", page);
    }
}

