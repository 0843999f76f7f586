using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using HistoryGraph.TestSupport;

namespace HistoryGraph.Tests.Schema;

public class EntityQueryTests(PostgresServerFixture fixture) : IClassFixture<PostgresServerFixture>
{
    private HistoryGraphServer Server => fixture.Server;

    private async Task<JsonElement> QueryAsync(string query, object? variables = null)
    {
        var response = await Server.Client.PostAsJsonAsync("/graphql", new { query, variables });
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.False(body.TryGetProperty("errors", out var errors), errors.ToString());
        return body.GetProperty("data");
    }

    private const string Fields = "entityId entityType fqn name displayName description owners tags tier service version lifecycle createdAt createdBy updatedAt updatedBy snapshot";

    [Fact]
    public async Task an_entity_is_found_by_id_and_by_fqn_with_its_current_state()
    {
        var created = OmEvent.Created(Guid.NewGuid(), $"mysql.shop.public.\"orders.{Guid.NewGuid():N}\"") with
        {
            UserName = "sam",
            Entity = new JsonObject
            {
                ["displayName"] = "Orders",
                ["tags"] = new JsonArray(new JsonObject { ["tagFQN"] = "Tier.Tier2", ["source"] = "Classification" }),
                ["owners"] = new JsonArray(new JsonObject { ["id"] = Guid.NewGuid().ToString(), ["type"] = "team", ["name"] = "sales" }),
                ["service"] = new JsonObject { ["id"] = Guid.NewGuid().ToString(), ["type"] = "databaseService", ["name"] = "mysql" },
            },
        };
        var updated = created.Next().Set("description", "All orders") with { UserName = "jane" };
        await Server.PostAsync(OmEvent.Batch(created, updated));

        var byId = (await QueryAsync($"query($id: UUID) {{ entity(id: $id) {{ {Fields} }} }}", new { id = created.EntityId })).GetProperty("entity");
        var byFqn = (await QueryAsync($"query($fqn: String) {{ entity(fqn: $fqn) {{ {Fields} }} }}", new { fqn = created.Fqn })).GetProperty("entity");
        Assert.Equal(byId.ToString(), byFqn.ToString());

        Assert.Equal(created.EntityId, byId.GetProperty("entityId").GetGuid());
        Assert.Equal(("table", created.Fqn, "Orders", "All orders"), (byId.GetProperty("entityType").GetString(), byId.GetProperty("fqn").GetString(), byId.GetProperty("displayName").GetString(), byId.GetProperty("description").GetString()));
        Assert.Equal(("Tier.Tier2", "mysql", 0.2m, "ACTIVE"), (byId.GetProperty("tier").GetString(), byId.GetProperty("service").GetString(), byId.GetProperty("version").GetDecimal(), byId.GetProperty("lifecycle").GetString()));
        Assert.Equal(("sam", "jane"), (byId.GetProperty("createdBy").GetString(), byId.GetProperty("updatedBy").GetString()));
        Assert.Equal(DateTime.UnixEpoch.AddMilliseconds(updated.Timestamp), byId.GetProperty("updatedAt").GetDateTime().ToUniversalTime());
        Assert.EndsWith("Z", byId.GetProperty("updatedAt").GetString());
        Assert.Equal("sales", byId.GetProperty("owners")[0].GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Array, byId.GetProperty("tags").ValueKind);
        Assert.Equal("All orders", byId.GetProperty("snapshot").GetProperty("description").GetString());
    }

    [Fact]
    public async Task a_hard_deleted_entity_is_still_found()
    {
        var created = OmEvent.Created(Guid.NewGuid(), $"svc.db.s.gone_{Guid.NewGuid():N}");
        var deleted = created with { Id = Guid.NewGuid().ToString(), EventType = "entityDeleted", Timestamp = created.Timestamp + 1000 };
        await Server.PostAsync(OmEvent.Batch(created, deleted));
        var entity = (await QueryAsync("query($fqn: String) { entity(fqn: $fqn) { lifecycle } }", new { fqn = created.Fqn })).GetProperty("entity");
        Assert.Equal("HARD_DELETED", entity.GetProperty("lifecycle").GetString());
    }

    [Fact]
    public async Task an_unknown_entity_is_null() =>
        Assert.Equal(JsonValueKind.Null, (await QueryAsync("{ entity(fqn: \"no.such.thing\") { fqn } }")).GetProperty("entity").ValueKind);

    [Fact]
    public async Task asking_without_id_or_fqn_is_an_error_with_a_code()
    {
        var response = await Server.Client.PostAsJsonAsync("/graphql", new { query = "{ entity { fqn } }" });
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors")[0];
        Assert.Equal("ARGUMENT_MISSING", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains("id or its fqn", error.GetProperty("message").GetString());
    }
}
