using System.Text.Json.Nodes;
using HistoryGraph.TestSupport;

namespace HistoryGraph.Tests.Schema;

/// `Entity.blame` on a history delivered out of order and twice.
public abstract class BlameTests(HistoryGraphServer server)
{
    private static JsonObject Tag(string fqn) => new() { ["tagFQN"] = fqn, ["source"] = "Classification", ["labelType"] = "Manual" };

    private static JsonArray Columns(string idType, string? emailDescription) => new(
        new JsonObject { ["name"] = "id", ["dataType"] = idType, ["constraint"] = "PRIMARY_KEY" },
        new JsonObject
        {
            ["name"] = "contact", ["dataType"] = "STRUCT",
            ["children"] = new JsonArray(new JsonObject { ["name"] = "e.mail", ["dataType"] = "STRING", ["description"] = emailDescription, ["tags"] = new JsonArray(Tag("PII.Sensitive")) }),
        });

    private static OmEvent[] History(string fqn)
    {
        var created = OmEvent.Created(Guid.NewGuid(), fqn) with
        {
            UserName = "ann",
            Entity = new JsonObject
            {
                ["description"] = "Orders",
                ["tags"] = new JsonArray(Tag("PII.Sensitive"), Tag("Finance.Revenue")),
                ["owners"] = new JsonArray(new JsonObject { ["id"] = "00000000-0000-0000-0000-00000000000a", ["type"] = "user", ["name"] = "alice" }),
                ["columns"] = Columns("INT", "Where to write"),
            },
        };
        var described = created.Next().Set("description", "All orders") with { UserName = "bob" };
        var retyped = described.Next(step: 1.0m).Set("columns", Columns("BIGINT", "Where to write"))
            .Set("tags", new JsonArray(Tag("PII.Sensitive"), Tag("Finance.Revenue"), Tag("Tier.Tier1"))) with { UserName = "carl" };
        var reordered = retyped.Next().Set("tags", new JsonArray(Tag("Tier.Tier1"), Tag("Finance.Revenue"), Tag("PII.Sensitive")))
            .Set("displayName", "Orders (all)").Set("columns", Columns("BIGINT", "Mailbox")) with { UserName = "dana" };
        return [created, described, retyped, reordered];
    }

    private async Task<Dictionary<string, string>> BlameAsync(Guid id, decimal? version)
    {
        var body = await server.GraphQLAsync("""
            query($id: UUID, $version: Decimal) { entity(id: $id) { blame(version: $version) { path column field value changedBy version eventSequence user { name } event { sequence } } } }
            """, new { id, version });
        Assert.False(body.TryGetProperty("errors", out var errors), errors.ToString());
        var blame = body.GetProperty("data").GetProperty("entity").GetProperty("blame").EnumerateArray().ToList();
        Assert.All(blame, b => Assert.Equal(b.GetProperty("eventSequence").GetInt64(), b.GetProperty("event").GetProperty("sequence").GetInt64()));
        Assert.All(blame, b => Assert.Equal(b.GetProperty("changedBy").GetString(), b.GetProperty("user").GetProperty("name").GetString()));
        return blame.ToDictionary(b => b.GetProperty("path").GetString()!, b => $"{b.GetProperty("changedBy").GetString()} {b.GetProperty("version").GetDecimal()}");
    }

    [Fact]
    public async Task every_field_names_the_user_and_version_that_set_its_value_whatever_the_arrival_order()
    {
        var history = History($"shop.db.s.blamed_{Guid.NewGuid():N}");
        await server.PostAsync(OmEvent.Batch(history[3], history[1], history[3], history[2], history[0]));
        var id = history[0].EntityId;

        var latest = await BlameAsync(id, null);
        Assert.Equal(new Dictionary<string, string>
        {
            ["description"] = "bob 0.2",
            ["displayName"] = "dana 1.3",
            ["owners"] = "ann 0.1",
            ["tags"] = "ann 0.1",
            ["tier"] = "carl 1.2",
            ["columns.id.dataType"] = "carl 1.2",
            ["columns.id.constraint"] = "ann 0.1",
            ["columns.contact.dataType"] = "ann 0.1",
            ["columns.contact.\"e.mail\".description"] = "dana 1.3",
            ["columns.contact.\"e.mail\".tags"] = "ann 0.1",
            ["columns.contact.\"e.mail\".dataType"] = "ann 0.1",
        }, latest);

        var atSecond = await BlameAsync(id, 0.2m);
        Assert.Equal("bob 0.2", atSecond["description"]);
        Assert.Equal("ann 0.1", atSecond["columns.id.dataType"]);
        Assert.Equal("ann 0.1", atSecond["columns.contact.\"e.mail\".description"]);
        Assert.False(atSecond.ContainsKey("tier"));
        Assert.False(atSecond.ContainsKey("displayName"));
    }

    [Fact]
    public async Task the_value_and_column_of_each_field_are_those_of_the_version_asked_about()
    {
        var history = History($"shop.db.s.values_{Guid.NewGuid():N}");
        await server.PostAsync(OmEvent.Batch(history));
        var body = await server.GraphQLAsync("query($id: UUID) { entity(id: $id) { blame(version: 1.2) { path column field value } } }", new { id = history[0].EntityId });
        var blame = body.GetProperty("data").GetProperty("entity").GetProperty("blame").EnumerateArray().ToDictionary(b => b.GetProperty("path").GetString()!);
        Assert.Equal("BIGINT", blame["columns.id.dataType"].GetProperty("value").GetString());
        Assert.Equal(("id", "dataType"), (blame["columns.id.dataType"].GetProperty("column").GetString(), blame["columns.id.dataType"].GetProperty("field").GetString()));
        Assert.Equal("contact.\"e.mail\"", blame["columns.contact.\"e.mail\".tags"].GetProperty("column").GetString());
        Assert.Equal("Tier.Tier1", blame["tier"].GetProperty("value").GetProperty("tagFQN").GetString());
        Assert.Equal(["PII.Sensitive", "Finance.Revenue"], blame["tags"].GetProperty("value").EnumerateArray().Select(t => t.GetProperty("tagFQN").GetString()));
    }

    [Fact]
    public async Task a_version_that_does_not_exist_is_an_error_with_a_code()
    {
        var history = History($"shop.db.s.missing_{Guid.NewGuid():N}");
        await server.PostAsync(OmEvent.Batch(history));
        var body = await server.GraphQLAsync("query($id: UUID) { entity(id: $id) { blame(version: 0.7) { path } } }", new { id = history[0].EntityId });
        var error = body.GetProperty("errors")[0];
        Assert.Equal("VERSION_NOT_FOUND", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains("no 0.7 version", error.GetProperty("message").GetString());
    }
}

public sealed class PostgresBlameTests(PostgresServerFixture fixture) : BlameTests(fixture.Server), IClassFixture<PostgresServerFixture>;

public sealed class SqliteBlameTests(SqliteServerFixture fixture) : BlameTests(fixture.Server), IClassFixture<SqliteServerFixture>;
