using System.Text.Json;
using System.Text.Json.Nodes;
using HistoryGraph.TestSupport;

namespace HistoryGraph.Tests.Schema;

/// `entityAsOf` and `catalogAsOf` on histories delivered out of order and twice.
public abstract class TimeTravelTests(HistoryGraphServer server)
{
    private static DateTime Time(long milliseconds) => DateTime.UnixEpoch.AddMilliseconds(milliseconds);

    /// A table's life: created (0.1), described (0.2), renamed (0.3), soft-deleted (0.4),
    /// restored (0.5), hard-deleted; a minute apart.
    private static OmEvent[] Life(string prefix)
    {
        var created = OmEvent.Created(Guid.NewGuid(), prefix + ".old_name") with { Entity = new JsonObject { ["description"] = "first" } };
        var described = created.Next().Set("description", "second");
        var renamed = described.Next() with { Fqn = prefix + ".new_name" };
        renamed = renamed.Set("name", "new_name");
        var softDeleted = renamed.Next("entitySoftDeleted").Set("deleted", true);
        var restored = softDeleted.Next("entityRestored").Set("deleted", false);
        var hardDeleted = restored with { Id = Guid.NewGuid().ToString(), EventType = "entityDeleted", Timestamp = restored.Timestamp + 60_000, Changes = [] };
        return [created, described, renamed, softDeleted, restored, hardDeleted];
    }

    private async Task<JsonElement> AsOfAsync(object variables) =>
        (await server.QueryAsync("""
            query($id: UUID, $fqn: String, $at: DateTime, $sequence: Long) {
              entityAsOf(entityId: $id, fqn: $fqn, at: $at, sequence: $sequence) { version fqn lifecycle changedAt snapshot }
            }
            """, variables)).GetProperty("entityAsOf");

    private static string? Describe(JsonElement version) => version.ValueKind == JsonValueKind.Null
        ? null
        : $"{version.GetProperty("version").GetDecimal()} {version.GetProperty("fqn").GetString()!.Split('.')[^1]} {version.GetProperty("lifecycle").GetString()}";

    [Fact]
    public async Task an_entity_is_seen_as_it_stood_between_versions_around_renames_deletes_and_restores()
    {
        var prefix = "tt" + Guid.NewGuid().ToString("N")[..8];
        var life = Life(prefix);
        await server.PostAsync(OmEvent.Batch(life[5], life[2], life[4], life[0], life[3], life[1], life[2]));
        var id = life[0].EntityId;

        Assert.Null(Describe(await AsOfAsync(new { id, at = Time(life[0].Timestamp - 1_000) })));
        string?[] expected = ["0.1 old_name ACTIVE", "0.2 old_name ACTIVE", "0.3 new_name ACTIVE", "0.4 new_name SOFT_DELETED", "0.5 new_name ACTIVE", null];
        for (var i = 0; i < life.Length; i++)
        {
            var between = Time(life[i].Timestamp + 30_000);
            Assert.Equal(expected[i], Describe(await AsOfAsync(new { id, at = between })));
            Assert.Equal(expected[i], Describe(await AsOfAsync(new { id, at = Time(life[i].Timestamp) })));
        }
        var second = await AsOfAsync(new { id, at = Time(life[1].Timestamp + 30_000) });
        Assert.Equal("second", second.GetProperty("snapshot").GetProperty("description").GetString());

        // By name: the old name finds it before the rename and nothing after; the new one the reverse.
        Assert.Equal("0.2 old_name ACTIVE", Describe(await AsOfAsync(new { fqn = prefix + ".old_name", at = Time(life[1].Timestamp + 30_000) })));
        Assert.Null(Describe(await AsOfAsync(new { fqn = prefix + ".old_name", at = Time(life[2].Timestamp + 30_000) })));
        Assert.Null(Describe(await AsOfAsync(new { fqn = prefix + ".new_name", at = Time(life[1].Timestamp + 30_000) })));
        Assert.Equal("0.4 new_name SOFT_DELETED", Describe(await AsOfAsync(new { fqn = prefix + ".new_name", at = Time(life[3].Timestamp + 30_000) })));
    }

    [Fact]
    public async Task a_sequence_names_the_state_right_after_that_event_was_stored()
    {
        var prefix = "tt" + Guid.NewGuid().ToString("N")[..8];
        var life = Life(prefix);
        var sequences = new List<long>();
        foreach (var e in life)
        {
            var body = JsonNode.Parse(await (await server.PostAsync(e.ToJson())).Content.ReadAsStringAsync())!;
            sequences.Add((long)body["sequences"]![0]!);
        }
        var id = life[0].EntityId;
        Assert.Null(Describe(await AsOfAsync(new { id, sequence = sequences[0] - 1 })));
        string?[] expected = ["0.1 old_name ACTIVE", "0.2 old_name ACTIVE", "0.3 new_name ACTIVE", "0.4 new_name SOFT_DELETED", "0.5 new_name ACTIVE", null];
        Assert.Equal(expected, await Task.WhenAll(sequences.Select(async s => Describe(await AsOfAsync(new { id, sequence = s })))));
    }

    [Fact]
    public async Task the_catalog_as_of_a_moment_holds_each_entity_in_the_version_then_in_force_filtered_and_paged()
    {
        var prefix = "tt" + Guid.NewGuid().ToString("N")[..8];
        var life = Life(prefix);
        var start = life[0].Timestamp;
        var orders = OmEvent.Created(Guid.NewGuid(), prefix + ".orders", timestamp: start + 10_000);
        var ordersLater = orders.Next(minutesLater: 2).Set("description", "later");
        var future = OmEvent.Created(Guid.NewGuid(), prefix + ".future", timestamp: start + 3_600_000);
        await server.PostAsync(OmEvent.Batch([ordersLater, future, .. life.Reverse(), orders]));

        async Task<List<string?>> CatalogAsync(DateTime at, string? lifecycle = null)
        {
            // `eq: null` would ask for a null lifecycle: the condition is left out instead.
            var condition = lifecycle is null ? "" : $"lifecycle: {{ eq: {lifecycle} }}";
            var catalog = $$"""
                query($prefix: String!, $at: DateTime, $sequence: Long, $after: String) {
                  catalogAsOf(at: $at, sequence: $sequence, first: 2, after: $after, order: [{ fqn: ASC }],
                              where: { fqn: { startsWith: $prefix }, {{condition}} }) {
                    pageInfo { hasNextPage endCursor } nodes { version fqn lifecycle } } }
                """;
            var all = new List<string?>();
            string? after = null;
            do
            {
                var page = (await server.QueryAsync(catalog, new { prefix = prefix + ".", at, after })).GetProperty("catalogAsOf");
                all.AddRange(page.GetProperty("nodes").EnumerateArray().Select(Describe));
                after = page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean() ? page.GetProperty("pageInfo").GetProperty("endCursor").GetString() : null;
            }
            while (after is not null);
            return all;
        }

        Assert.Equal(["0.2 old_name ACTIVE", "0.1 orders ACTIVE"], await CatalogAsync(Time(life[1].Timestamp + 30_000)));
        Assert.Equal(["0.4 new_name SOFT_DELETED", "0.2 orders ACTIVE"], await CatalogAsync(Time(life[3].Timestamp + 30_000)));
        Assert.Equal(["0.2 orders ACTIVE"], await CatalogAsync(Time(life[3].Timestamp + 30_000), "ACTIVE"));
        Assert.Equal(["0.2 orders ACTIVE"], await CatalogAsync(Time(life[5].Timestamp + 30_000)));
        Assert.Equal(["0.1 future ACTIVE", "0.2 orders ACTIVE"], await CatalogAsync(Time(future.Timestamp)));
        Assert.Empty(await CatalogAsync(Time(start - 1)));
    }

    [Theory]
    [InlineData("entityAsOf(entityId: \"00000000-0000-0000-0000-000000000001\") { version }", "ARGUMENT_MISSING")]
    [InlineData("entityAsOf(entityId: \"00000000-0000-0000-0000-000000000001\", at: \"2026-01-01T00:00:00Z\", sequence: 4) { version }", "INVALID_ARGUMENT")]
    [InlineData("entityAsOf(at: \"2026-01-01T00:00:00Z\") { version }", "ARGUMENT_MISSING")]
    [InlineData("catalogAsOf { nodes { version } }", "ARGUMENT_MISSING")]
    public async Task a_moment_must_be_named_once(string field, string code)
    {
        var body = await server.GraphQLAsync($"{{ {field} }}");
        Assert.Equal(code, body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }
}

public sealed class PostgresTimeTravelTests(PostgresServerFixture fixture) : TimeTravelTests(fixture.Server), IClassFixture<PostgresServerFixture>;

public sealed class SqliteTimeTravelTests(SqliteServerFixture fixture) : TimeTravelTests(fixture.Server), IClassFixture<SqliteServerFixture>;
