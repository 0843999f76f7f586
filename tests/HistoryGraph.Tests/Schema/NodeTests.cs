using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HistoryGraph.TestSupport;

namespace HistoryGraph.Tests.Schema;

public class NodeTests(PostgresServerFixture fixture) : IClassFixture<PostgresServerFixture>
{
    private async Task<JsonElement> PostAsync(string query, object? variables = null)
    {
        var response = await fixture.Server.Client.PostAsJsonAsync("/graphql", new { query, variables });
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private async Task<(Guid EntityId, string Id)> CreateEntityAsync()
    {
        var e = OmEvent.Created(Guid.NewGuid(), $"svc.db.s.node_{Guid.NewGuid():N}");
        await fixture.Server.PostAsync(e.ToJson());
        var body = await PostAsync("query($id: UUID) { entity(id: $id) { id } }", new { id = e.EntityId });
        return (e.EntityId, body.GetProperty("data").GetProperty("entity").GetProperty("id").GetString()!);
    }

    [Fact]
    public async Task an_entity_id_is_opaque_base64_of_type_and_key_and_round_trips_through_node()
    {
        var (entityId, id) = await CreateEntityAsync();
        Assert.Equal($"Entity:{entityId}", Encoding.UTF8.GetString(Convert.FromBase64String(id)));

        var node = (await PostAsync("query($id: ID!) { node(id: $id) { __typename id ... on Entity { entityId } } }", new { id })).GetProperty("data").GetProperty("node");
        Assert.Equal(("Entity", id, entityId), (node.GetProperty("__typename").GetString(), node.GetProperty("id").GetString(), node.GetProperty("entityId").GetGuid()));
    }

    [Fact]
    public async Task nodes_come_back_in_order_with_null_where_there_is_none()
    {
        var (first, firstId) = await CreateEntityAsync();
        var (second, secondId) = await CreateEntityAsync();
        var unknown = Convert.ToBase64String(Encoding.UTF8.GetBytes($"Entity:{Guid.NewGuid()}"));
        var otherType = Convert.ToBase64String(Encoding.UTF8.GetBytes("Nothing:1"));

        var nodes = (await PostAsync("query($ids: [ID!]!) { nodes(ids: $ids) { ... on Entity { entityId } } }", new { ids = new[] { secondId, unknown, firstId, otherType } }))
            .GetProperty("data").GetProperty("nodes");
        Assert.Equal(4, nodes.GetArrayLength());
        Assert.Equal(second, nodes[0].GetProperty("entityId").GetGuid());
        Assert.Equal(JsonValueKind.Null, nodes[1].ValueKind);
        Assert.Equal(first, nodes[2].GetProperty("entityId").GetGuid());
        Assert.Equal(JsonValueKind.Null, nodes[3].ValueKind);
    }

    [Fact]
    public async Task every_type_s_id_round_trips_through_nodes()
    {
        var user = $"user{Guid.NewGuid():N}";
        var created = OmEvent.Created(Guid.NewGuid(), $"svc.db.s.all_{Guid.NewGuid():N}") with { UserName = user };
        var updated = created.Next().Set("description", "d") with { UserName = user };
        var deleted = updated.Next("entitySoftDeleted").Set("deleted", true) with { UserName = user };
        await fixture.Server.PostAsync(OmEvent.Batch(created, updated, deleted));

        var entity = (await PostAsync("""
            query($id: UUID) { entity(id: $id) { id
              events(first: 1) { nodes { id } } versions(first: 1) { nodes { id } } fieldChanges(first: 1) { nodes { id } } deletion { id } } }
            """, new { id = created.EntityId })).GetProperty("data").GetProperty("entity");
        var userId = (await PostAsync("query($name: String!) { user(name: $name) { id } }", new { name = user })).GetProperty("data").GetProperty("user").GetProperty("id").GetString();
        var ids = new[]
        {
            entity.GetProperty("id").GetString(),
            entity.GetProperty("events").GetProperty("nodes")[0].GetProperty("id").GetString(),
            entity.GetProperty("versions").GetProperty("nodes")[0].GetProperty("id").GetString(),
            entity.GetProperty("fieldChanges").GetProperty("nodes")[0].GetProperty("id").GetString(),
            entity.GetProperty("deletion").GetProperty("id").GetString(),
            userId,
        };

        var nodes = (await PostAsync("query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }", new { ids })).GetProperty("data").GetProperty("nodes");
        Assert.Equal(["Entity", "ChangeEvent", "EntityVersion", "FieldChange", "Deletion", "User"], nodes.EnumerateArray().Select(n => n.GetProperty("__typename").GetString()));
        Assert.Equal(ids, nodes.EnumerateArray().Select(n => n.GetProperty("id").GetString()));
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("bm9jb2xvbg==")]
    public async Task a_malformed_id_is_an_error_with_a_code(string id)
    {
        var error = (await PostAsync("query($id: ID!) { node(id: $id) { id } }", new { id })).GetProperty("errors")[0];
        Assert.Equal("INVALID_ID", error.GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task more_than_50_ids_are_refused()
    {
        var ids = Enumerable.Range(0, 51).Select(_ => Convert.ToBase64String(Encoding.UTF8.GetBytes($"Entity:{Guid.NewGuid()}"))).ToArray();
        var error = (await PostAsync("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", new { ids })).GetProperty("errors")[0];
        Assert.Equal("TOO_MANY_IDS", error.GetProperty("extensions").GetProperty("code").GetString());
    }
}
