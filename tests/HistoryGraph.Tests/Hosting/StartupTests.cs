using System.Net;
using HistoryGraph.TestSupport;

namespace HistoryGraph.Tests.Hosting;

public class StartupTests : IDisposable
{
    private readonly string _path = TestStores.NewSqlitePath();

    public void Dispose()
    {
        TestStores.DeleteSqlite(_path);
    }

    [Fact]
    public async Task without_a_webhook_secret_deliveries_need_a_key_of_the_ingest_role()
    {
        const string admin = "startup-admin";
        await using var server = await HistoryGraphServer.StartAsync(
            "OpenMetadata:WebhookSecrets:0=", "OpenMetadata:WebhookSecrets:1=", $"Admin:ApiKeys:0={admin}", $"ConnectionStrings:History=Data Source={_path}");
        await PostgresServerFixture.WaitHealthyAsync(server);

        var refused = await server.PostAsync(new OmEvent().ToJson(), secret: null);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        var problem = System.Text.Json.JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("AUTH_NOT_AUTHENTICATED", problem.GetProperty("code").GetString());
        Assert.Contains("OpenMetadata:WebhookSecrets", problem.GetProperty("detail").GetString());

        var created = await server.AdminQueryAsync("""mutation { createApiKey(name: "openmetadata", role: INGEST) { key } }""", admin);
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhook/openmetadata") { Content = new StringContent(new OmEvent().ToJson(), System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", created.GetProperty("createApiKey").GetProperty("key").GetString());
        Assert.Equal(HttpStatusCode.OK, (await server.Client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task unsigned_deliveries_are_accepted_only_when_explicitly_allowed()
    {
        await using var server = await HistoryGraphServer.StartAsync(
            "OpenMetadata:WebhookSecrets:0=", "OpenMetadata:WebhookSecrets:1=", "OpenMetadata:AllowUnsignedWebhooks=true", $"ConnectionStrings:History=Data Source={_path}");
        await PostgresServerFixture.WaitHealthyAsync(server);
        Assert.Equal(HttpStatusCode.OK, (await server.PostAsync(new OmEvent().ToJson(), secret: null)).StatusCode);
    }

    [Fact]
    public async Task the_embedded_sqlite_store_is_created_on_first_run()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"historygraph-embedded-{Guid.NewGuid():N}");
        var file = Path.Combine(folder, "data", "history.db");
        await using (var server = await HistoryGraphServer.StartAsync($"Storage:SqlitePath={file}"))
        {
            await PostgresServerFixture.WaitHealthyAsync(server);
            foreach (var sample in new[] { "c01-", "c03-", "c04-", "c05-", "c06-" })
                Assert.Equal(HttpStatusCode.OK, (await server.PostAsync(Samples.Bytes(sample))).StatusCode);
            var events = await server.Client.GetStringAsync("/events?entity_fqn=kafka_prod.orders");
            Assert.Contains("\"count\":2", events);
        }
        Assert.True(File.Exists(file));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
