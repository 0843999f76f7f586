using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using HistoryGraph.TestSupport;

namespace HistoryGraph.Tests.OpenMetadata;

/// `restoreEntity` against a fake OpenMetadata: soft deletes through its restore endpoint, hard
/// deletes recreated with the create request of their type, every attempt recorded and queryable.
public abstract class RestoreTests(HistoryGraphServer server, FakeOpenMetadata openMetadata) : IOpenMetadataSettings
{
    public const string AdminKey = "restore-admin-key";

    public static string[] Settings(FakeOpenMetadata fake) =>
    [
        $"OpenMetadata:ApiUrl={fake.ApiUrl}", $"OpenMetadata:BotToken={FakeOpenMetadata.Token}", "OpenMetadata:MaxRetries=1",
        "OpenMetadata:RetryDelaySeconds=0.05", $"Admin:ApiKeys:0=someone-else", $"Admin:ApiKeys:1={AdminKey}",
    ];

    private const string Restore = """
        mutation($id: UUID!, $version: Decimal) {
          restoreEntity(entityId: $id, version: $version) {
            succeeded errorCode message entity
            attempt { number method version requestedBy requestPath requestBody responseStatus succeeded errorCode answeredAt }
          }
        }
        """;

    private Task<JsonElement> MutateAsync(object variables, string? key = AdminKey) => server.AdminGraphQLAsync(Restore, variables, key);

    private static JsonElement Result(JsonElement body) =>
        body.TryGetProperty("errors", out var errors) ? throw new Xunit.Sdk.XunitException(errors.ToString()) : body.GetProperty("data").GetProperty("restoreEntity");

    private static string ErrorCode(JsonElement body) => body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString()!;

    private async Task PostAsync(params OmEvent[] events) => Assert.Equal(HttpStatusCode.OK, (await server.PostAsync(OmEvent.Batch(events))).StatusCode);

    private List<FakeOpenMetadata.Recorded> SentFor(Guid id) =>
        openMetadata.Requests.Where(r => r.Body.Contains(id.ToString()) || r.PathAndQuery.Contains(id.ToString())).ToList();

    /// What OpenMetadata answers a create request with: the entity it made, with its new id.
    private static string AsCreated(string request)
    {
        var entity = JsonNode.Parse(request)!.AsObject();
        entity["id"] = Guid.NewGuid().ToString();
        return entity.ToJsonString();
    }

    [Fact]
    public async Task a_soft_deleted_entity_is_restored_through_openmetadatas_restore_endpoint_and_the_attempt_is_kept()
    {
        var table = OmEvent.Created(Guid.NewGuid(), "restore.db.s." + Guid.NewGuid().ToString("N")[..8]);
        await PostAsync(table, table.Next("entitySoftDeleted").Set("deleted", true));
        openMetadata.Respond = r => r.Method == "PUT" && r.PathAndQuery == "/api/v1/tables/restore"
            ? new FakeOpenMetadata.Answer(200, $$"""{"id":"{{table.EntityId}}","name":"t","deleted":false,"version":0.3}""")
            : null;

        var payload = (await server.QueryAsync($$"""{ deletions(where: { entityId: { eq: "{{table.EntityId}}" } }) { nodes { kind restorePayload } } }"""))
            .GetProperty("deletions").GetProperty("nodes")[0].GetProperty("restorePayload");
        var result = Result(await MutateAsync(new { id = table.EntityId }));

        Assert.True(result.GetProperty("succeeded").GetBoolean());
        Assert.False(result.GetProperty("entity").GetProperty("deleted").GetBoolean());
        var sent = Assert.Single(SentFor(table.EntityId));
        Assert.Equal(("PUT", "/api/v1/tables/restore", $"Bearer {FakeOpenMetadata.Token}"), (sent.Method, sent.PathAndQuery, sent.Authorization));
        Assert.Equal(JsonNode.Parse(payload.GetRawText())!.ToJsonString(), JsonNode.Parse(sent.Body)!.ToJsonString());
        Assert.Equal($$"""{"id":"{{table.EntityId}}"}""", sent.Body);

        var attempt = result.GetProperty("attempt");
        Assert.Equal(("RESTORE", "admin key 2", "PUT /v1/tables/restore", 200), (attempt.GetProperty("method").GetString(), attempt.GetProperty("requestedBy").GetString(),
            attempt.GetProperty("requestPath").GetString(), attempt.GetProperty("responseStatus").GetInt32()));
        var stored = (await server.AdminQueryAsync($$"""{ restoreAttempts(where: { entityId: { eq: "{{table.EntityId}}" } }) { nodes { number succeeded requestBody responseBody } } }""", AdminKey))
            .GetProperty("restoreAttempts").GetProperty("nodes");
        Assert.Equal(attempt.GetProperty("number").GetInt64(), Assert.Single(stored.EnumerateArray()).GetProperty("number").GetInt64());
        Assert.Equal(table.EntityId.ToString(), stored[0].GetProperty("requestBody").GetProperty("id").GetString());
    }

    public static TheoryData<string, string, string> HardDeletedTypes => new()
    {
        { "table", "tables", """{"tableType":"Regular","columns":[{"name":"id","dataType":"INT","fullyQualifiedName":"x.id"}],"databaseSchema":{"id":"11111111-1111-1111-1111-111111111111","type":"databaseSchema","fullyQualifiedName":"restore.db.s"},"owners":[{"id":"22222222-2222-2222-2222-222222222222","type":"user","name":"ann"}],"followers":[{"id":"3","type":"user"}]}""" },
        { "dashboard", "dashboards", """{"service":{"id":"1","type":"dashboardService","fullyQualifiedName":"looker"},"charts":[{"id":"2","type":"chart","fullyQualifiedName":"looker.revenue"}],"usageSummary":{"dailyStats":{"count":3}}}""" },
        { "glossaryTerm", "glossaryTerms", """{"glossary":{"id":"1","type":"glossary","name":"Finance","fullyQualifiedName":"Finance"},"synonyms":["Turnover"],"children":[],"status":"Approved"}""" },
    };

    [Theory]
    [MemberData(nameof(HardDeletedTypes))]
    public async Task a_hard_deleted_entity_is_recreated_with_the_create_request_of_its_type(string entityType, string collection, string entityJson)
    {
        var entity = (JsonObject)JsonNode.Parse(entityJson)!;
        entity["description"] = "kept";
        var created = OmEvent.Created(Guid.NewGuid(), $"restore.{entityType}{Guid.NewGuid():N}") with { EntityType = entityType, Entity = entity };
        var deleted = created.Next("entityDeleted");
        await PostAsync(created, deleted);
        openMetadata.Respond = r => r.Method == "PUT" && r.PathAndQuery == $"/api/v1/{collection}" ? new FakeOpenMetadata.Answer(201, AsCreated(r.Body)) : null;

        var payload = (await server.QueryAsync($$"""{ deletions(where: { entityId: { eq: "{{created.EntityId}}" } }) { nodes { kind restorePayload } } }"""))
            .GetProperty("deletions").GetProperty("nodes")[0];
        var result = Result(await MutateAsync(new { id = created.EntityId }));

        Assert.Equal("HARD", payload.GetProperty("kind").GetString());
        Assert.True(result.GetProperty("succeeded").GetBoolean(), result.ToString());
        var sent = Assert.Single(openMetadata.Requests, r => r.PathAndQuery == $"/api/v1/{collection}" && r.Body.Contains(created.Fqn!.Split('.')[^1]));
        var body = JsonNode.Parse(sent.Body)!.AsObject();
        Assert.Equal(JsonNode.Parse(payload.GetProperty("restorePayload").GetRawText())!.ToJsonString(), body.ToJsonString());
        Assert.Equal(created.Fqn!.Split('.')[^1], (string?)body["name"]);
        Assert.Equal("kept", (string?)body["description"]);
        foreach (var readOnly in new[] { "id", "fullyQualifiedName", "version", "updatedAt", "updatedBy", "deleted", "href", "followers", "usageSummary", "children", "status" })
            Assert.False(body.ContainsKey(readOnly), $"{readOnly} sent in {body.ToJsonString()}");
        Assert.Equal(("RECREATE", 0.2m), (result.GetProperty("attempt").GetProperty("method").GetString(), result.GetProperty("attempt").GetProperty("version").GetDecimal()));
    }

    [Fact]
    public async Task a_chosen_version_is_recreated_from_its_own_snapshot()
    {
        var created = OmEvent.Created(Guid.NewGuid(), "restore.db.s.v" + Guid.NewGuid().ToString("N")[..8]) with
        {
            Entity = new JsonObject { ["description"] = "first", ["columns"] = new JsonArray(), ["databaseSchema"] = "restore.db.s" },
        };
        var edited = created.Next().Set("description", "second");
        await PostAsync(created, edited, edited.Next("entityDeleted"));
        openMetadata.Respond = r => r.Method == "PUT" ? new FakeOpenMetadata.Answer(200, AsCreated(r.Body)) : null;

        var result = Result(await MutateAsync(new { id = created.EntityId, version = 0.1m }));

        Assert.Equal("first", (string?)JsonNode.Parse(result.GetProperty("attempt").GetProperty("requestBody").GetRawText())!["description"]);
        Assert.Equal(0.1m, result.GetProperty("attempt").GetProperty("version").GetDecimal());
        Assert.Equal("VERSION_NOT_FOUND", ErrorCode(await MutateAsync(new { id = created.EntityId, version = 7.5m })));
    }

    [Fact]
    public async Task openmetadata_refusing_is_an_unsuccessful_result_and_still_on_record()
    {
        var table = OmEvent.Created(Guid.NewGuid(), "restore.db.s.r" + Guid.NewGuid().ToString("N")[..8]);
        await PostAsync(table, table.Next("entitySoftDeleted").Set("deleted", true));
        openMetadata.Respond = r => r.PathAndQuery == "/api/v1/tables/restore" ? new FakeOpenMetadata.Answer(400, """{"code":400,"message":"Entity is not soft deleted"}""") : null;

        var result = Result(await MutateAsync(new { id = table.EntityId }));

        Assert.Equal((false, "OPENMETADATA_REFUSED"), (result.GetProperty("succeeded").GetBoolean(), result.GetProperty("errorCode").GetString()));
        Assert.Contains("Entity is not soft deleted", result.GetProperty("message").GetString());
        Assert.Equal(400, result.GetProperty("attempt").GetProperty("responseStatus").GetInt32());
        Assert.Equal(JsonValueKind.String, result.GetProperty("attempt").GetProperty("answeredAt").ValueKind);
        var stored = (await server.AdminQueryAsync($$"""{ restoreAttempts(where: { entityId: { eq: "{{table.EntityId}}" }, succeeded: { eq: false } }) { totalCount } }""", AdminKey));
        Assert.Equal(1, stored.GetProperty("restoreAttempts").GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task restores_need_an_admin_key_and_a_deleted_entity_that_the_history_knows()
    {
        var active = OmEvent.Created(Guid.NewGuid(), "restore.db.s.a" + Guid.NewGuid().ToString("N")[..8]);
        await PostAsync(active);
        var before = openMetadata.Requests.Count;

        Assert.Equal("AUTH_NOT_AUTHENTICATED", ErrorCode(await MutateAsync(new { id = active.EntityId }, key: null)));
        // A key nobody made is refused before anything runs.
        Assert.Equal((System.Net.HttpStatusCode.Unauthorized, "AUTH_NOT_AUTHENTICATED"), await server.KeyedGraphQLAsync(Restore, new { id = active.EntityId }, "nope"));
        Assert.Equal("ENTITY_NOT_DELETED", ErrorCode(await MutateAsync(new { id = active.EntityId })));
        Assert.Equal("ENTITY_NOT_FOUND", ErrorCode(await MutateAsync(new { id = Guid.NewGuid() })));
        Assert.Equal(before, openMetadata.Requests.Count);
    }
}


public sealed class PostgresRestoreTests(PostgresOpenMetadataFixture<RestoreTests> fixture)
    : RestoreTests(fixture.Server, fixture.OpenMetadata), IClassFixture<PostgresOpenMetadataFixture<RestoreTests>>;

public sealed class SqliteRestoreTests(SqliteOpenMetadataFixture<RestoreTests> fixture)
    : RestoreTests(fixture.Server, fixture.OpenMetadata), IClassFixture<SqliteOpenMetadataFixture<RestoreTests>>;

