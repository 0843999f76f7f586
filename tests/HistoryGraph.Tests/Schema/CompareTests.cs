using System.Text.Json;
using System.Text.Json.Nodes;
using HistoryGraph.TestSupport;
using Microsoft.AspNetCore.JsonPatch.SystemTextJson;

namespace HistoryGraph.Tests.Schema;

/// `compare` and `EntityVersion.diffFromPrevious` on a real server, each patch applied back with
/// ASP.NET Core's JSON Patch implementation.
public abstract class CompareTests(HistoryGraphServer server)
{
    private static readonly string[] VolatileFields = ["version", "updatedAt", "updatedBy", "href", "changeDescription", "incrementalChangeDescription"];

    private const string DiffFields = """
        from { version snapshot } to { version snapshot } semanticChange breaking jsonPatch
        changes { path field column category changeType oldValue newValue semanticChange breaking }
        """;

    private async Task<JsonElement> CompareAsync(Guid? id = null, string? fqn = null, decimal? fromVersion = null, decimal? toVersion = null, DateTime? fromTime = null, DateTime? toTime = null) =>
        (await server.QueryAsync(
            $$"""
            query($id: UUID, $fqn: String, $fromVersion: Decimal, $toVersion: Decimal, $fromTime: DateTime, $toTime: DateTime) {
              compare(entityId: $id, fqn: $fqn, fromVersion: $fromVersion, toVersion: $toVersion, fromTime: $fromTime, toTime: $toTime) { {{DiffFields}} }
            }
            """,
            new { id, fqn, fromVersion, toVersion, fromTime, toTime })).GetProperty("compare");

    private static JsonArray Columns(params JsonNode[] columns) => new(columns);

    private static JsonObject Column(string name, string dataType, string? description = null, JsonArray? children = null, JsonArray? tags = null)
    {
        var column = new JsonObject { ["name"] = name, ["dataType"] = dataType };
        if (description is not null)
            column["description"] = description;
        if (children is not null)
            column["children"] = children;
        if (tags is not null)
            column["tags"] = tags;
        return column;
    }

    /// A table through four versions: columns reordered and documented, a column renamed and a
    /// nested child retyped, then a tag added to a dotted column and an owner changed.
    private static OmEvent[] TableHistory(string fqn)
    {
        var v1 = OmEvent.Created(Guid.NewGuid(), fqn) with
        {
            Entity = new JsonObject
            {
                ["description"] = "Orders",
                ["columns"] = Columns(
                    Column("id", "BIGINT"),
                    Column("customer", "STRUCT", children: Columns(Column("name", "STRING"), Column("zip.code", "STRING"))),
                    Column("total.amount", "DECIMAL"),
                    Column("legacy_flag", "BOOLEAN")),
                ["owners"] = new JsonArray(new JsonObject { ["id"] = "00000000-0000-0000-0000-0000000000a1", ["type"] = "user", ["name"] = "alice" }),
                ["tags"] = new JsonArray(),
            },
        };
        var v2 = v1.Next().Set("columns", Columns(
            Column("total.amount", "DECIMAL", "Order total"),
            Column("id", "BIGINT"),
            Column("customer", "STRUCT", children: Columns(Column("zip.code", "STRING"), Column("name", "STRING"))),
            Column("legacy_flag", "BOOLEAN")));
        var v3 = v2.Next().Set("columns", Columns(
            Column("total.amount", "DECIMAL", "Order total"),
            Column("id", "BIGINT"),
            Column("customer", "STRUCT", children: Columns(Column("zip.code", "INT"), Column("name", "STRING"))),
            Column("is_legacy", "BOOLEAN")));
        var v4 = v3.Next()
            .Set("columns", Columns(
                Column("total.amount", "DECIMAL", "Order total", tags: new JsonArray(new JsonObject { ["tagFQN"] = "PII.Sensitive", ["source"] = "Classification" })),
                Column("id", "BIGINT"),
                Column("customer", "STRUCT", children: Columns(Column("zip.code", "INT"), Column("name", "STRING"))),
                Column("is_legacy", "BOOLEAN")))
            .Set("owners", new JsonArray(new JsonObject { ["id"] = "00000000-0000-0000-0000-0000000000b2", ["type"] = "team", ["name"] = "sales" }));
        return [v1, v2, v3, v4];
    }

    private static void AssertPatchGivesTo(JsonElement diff)
    {
        var patch = JsonSerializer.Deserialize<JsonPatchDocument>(diff.GetProperty("jsonPatch").GetRawText())!;
        var target = JsonNode.Parse(diff.GetProperty("from").GetProperty("snapshot").GetRawText())!;
        patch.ApplyTo(target);
        var expected = JsonNode.Parse(diff.GetProperty("to").GetProperty("snapshot").GetRawText())!.AsObject();
        foreach (var name in VolatileFields)
            expected.Remove(name);
        Assert.True(JsonNode.DeepEquals(expected, target), $"patched: {target.ToJsonString()}\nwanted: {expected.ToJsonString()}");
    }

    private static List<(string, string, string)> Changes(JsonElement diff) =>
        diff.GetProperty("changes").EnumerateArray()
            .Select(c => (c.GetProperty("path").GetString()!, c.GetProperty("changeType").GetString()!, c.GetProperty("semanticChange").GetString()!))
            .ToList();

    [Fact]
    public async Task distant_versions_delivered_out_of_order_with_duplicates_are_diffed_by_name_and_their_patch_gives_the_newer_snapshot()
    {
        var history = TableHistory($"shop.db.s.\"orders.{Guid.NewGuid():N}\"");
        // Newest first, the second version twice.
        await server.PostAsync(OmEvent.Batch(history[3], history[1], history[2], history[1], history[0]));

        var diff = await CompareAsync(history[0].EntityId, fromVersion: 0.1m, toVersion: 0.4m);
        Assert.Equal((0.1m, 0.4m), (diff.GetProperty("from").GetProperty("version").GetDecimal(), diff.GetProperty("to").GetProperty("version").GetDecimal()));
        Assert.Equal(
            [
                ("columns", "ADDED", "MINOR"),
                ("columns.\"total.amount\".description", "ADDED", "PATCH"),
                ("columns.\"total.amount\".tags", "ADDED", "MINOR"),
                ("columns.customer.\"zip.code\".dataType", "UPDATED", "MAJOR"),
                ("columns", "DELETED", "MAJOR"),
                ("owners", "ADDED", "MINOR"),
                ("owners", "DELETED", "MINOR"),
            ],
            Changes(diff));
        Assert.Equal(("MAJOR", true), (diff.GetProperty("semanticChange").GetString(), diff.GetProperty("breaking").GetBoolean()));
        var retyped = diff.GetProperty("changes")[3];
        Assert.Equal(("dataType", "customer.\"zip.code\"", "SCHEMA"), (retyped.GetProperty("field").GetString(), retyped.GetProperty("column").GetString(), retyped.GetProperty("category").GetString()));
        Assert.Equal(("STRING", "INT"), (retyped.GetProperty("oldValue").GetString(), retyped.GetProperty("newValue").GetString()));
        Assert.Equal("legacy_flag", diff.GetProperty("changes")[4].GetProperty("oldValue")[0].GetProperty("name").GetString());
        AssertPatchGivesTo(diff);
    }

    [Fact]
    public async Task a_reordered_column_list_is_no_change_but_the_patch_still_rebuilds_the_order()
    {
        var history = TableHistory($"shop.db.s.reordered_{Guid.NewGuid():N}");
        await server.PostAsync(OmEvent.Batch(history[0], history[1]));
        var diff = await CompareAsync(history[0].EntityId, fromVersion: 0.1m, toVersion: 0.2m);
        Assert.Equal([("columns.\"total.amount\".description", "ADDED", "PATCH")], Changes(diff));
        Assert.Equal(("PATCH", false), (diff.GetProperty("semanticChange").GetString(), diff.GetProperty("breaking").GetBoolean()));
        AssertPatchGivesTo(diff);
    }

    [Fact]
    public async Task states_are_found_by_time_and_fqn_and_the_newer_side_defaults_to_the_latest_version()
    {
        var fqn = $"shop.db.s.timed_{Guid.NewGuid():N}";
        var history = TableHistory(fqn);
        await server.PostAsync(OmEvent.Batch(history));
        // Half a minute after version 0.2 was made: 0.2 was in force.
        var between = DateTime.UnixEpoch.AddMilliseconds(history[1].Timestamp + 30_000);
        var diff = await CompareAsync(fqn: fqn, fromTime: between);
        Assert.Equal((0.2m, 0.4m), (diff.GetProperty("from").GetProperty("version").GetDecimal(), diff.GetProperty("to").GetProperty("version").GetDecimal()));
        AssertPatchGivesTo(diff);

        var same = await CompareAsync(history[0].EntityId, fromTime: between, toTime: between);
        Assert.Empty(Changes(same));
        Assert.Equal("NONE", same.GetProperty("semanticChange").GetString());
    }

    [Fact]
    public async Task every_version_has_its_diff_from_the_previous_one_and_the_first_has_none()
    {
        var history = TableHistory($"shop.db.s.adjacent_{Guid.NewGuid():N}");
        await server.PostAsync(OmEvent.Batch(history));
        var versions = (await server.QueryAsync($"query($id: UUID) {{ entity(id: $id) {{ versions(order: {{ version: ASC }}) {{ nodes {{ version diffFromPrevious {{ {DiffFields} }} }} }} }} }}", new { id = history[0].EntityId }))
            .GetProperty("entity").GetProperty("versions").GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal([0.1m, 0.2m, 0.3m, 0.4m], versions.Select(v => v.GetProperty("version").GetDecimal()));
        Assert.Equal(JsonValueKind.Null, versions[0].GetProperty("diffFromPrevious").ValueKind);
        for (var i = 1; i < versions.Count; i++)
        {
            var adjacent = versions[i].GetProperty("diffFromPrevious");
            var compared = await CompareAsync(history[0].EntityId,
                fromVersion: versions[i - 1].GetProperty("version").GetDecimal(), toVersion: versions[i].GetProperty("version").GetDecimal());
            Assert.Equal(compared.ToString(), adjacent.ToString());
            AssertPatchGivesTo(adjacent);
        }
        Assert.Equal(
            [("columns", "ADDED", "MINOR"), ("columns.customer.\"zip.code\".dataType", "UPDATED", "MAJOR"), ("columns", "DELETED", "MAJOR")],
            Changes(versions[2].GetProperty("diffFromPrevious")));
    }

    [Theory]
    [InlineData("entityId: $id, fromVersion: 0.7", "VERSION_NOT_FOUND", "has no version 0.7 (from): it has 4 stored versions, 0.1 to 0.4")]
    [InlineData("entityId: $id, fromVersion: 0.1, toVersion: 2.0", "VERSION_NOT_FOUND", "has no version 2.0 (to)")]
    [InlineData("entityId: $id, fromTime: \"2020-01-01T00:00:00Z\"", "VERSION_NOT_FOUND", "had no version yet at 2020-01-01")]
    [InlineData("fqn: \"no.such.table\", fromVersion: 0.1", "ENTITY_NOT_FOUND", "no.such.table")]
    [InlineData("entityId: $id", "ARGUMENT_MISSING", "fromVersion")]
    [InlineData("fromVersion: 0.1", "ARGUMENT_MISSING", "id or its fqn")]
    [InlineData("entityId: $id, fromVersion: 0.1, fromTime: \"2020-01-01T00:00:00Z\"", "INVALID_ARGUMENT", "not both")]
    public async Task what_cannot_be_compared_is_an_error_with_a_code(string arguments, string code, string message)
    {
        var history = TableHistory($"shop.db.s.errors_{Guid.NewGuid():N}");
        await server.PostAsync(OmEvent.Batch(history));
        var declaration = arguments.Contains("$id", StringComparison.Ordinal) ? "($id: UUID)" : "";
        var body = await server.GraphQLAsync($"query{declaration} {{ compare({arguments}) {{ semanticChange }} }}", new { id = history[0].EntityId });
        var error = body.GetProperty("errors")[0];
        Assert.Equal(code, error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains(message, error.GetProperty("message").GetString());
    }
}

public sealed class PostgresCompareTests(PostgresServerFixture fixture) : CompareTests(fixture.Server), IClassFixture<PostgresServerFixture>;

public sealed class SqliteCompareTests(SqliteServerFixture fixture) : CompareTests(fixture.Server), IClassFixture<SqliteServerFixture>;
