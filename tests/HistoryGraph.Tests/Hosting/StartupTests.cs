using System.Net;
using HistoryGraph.TestSupport;
using Microsoft.Extensions.Options;

namespace HistoryGraph.Tests.Hosting;

public class StartupTests : IDisposable
{
    private readonly string _path = TestStores.NewSqlitePath();

    public void Dispose()
    {
        TestStores.DeleteSqlite(_path);
    }

    [Fact]
    public async Task production_refuses_to_start_without_a_webhook_secret()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => HistoryGraphServer.StartAsync(
            "OpenMetadata:WebhookSecrets:0=", "OpenMetadata:WebhookSecrets:1=", $"ConnectionStrings:History=Data Source={_path}"));
        Assert.Contains("OpenMetadata:WebhookSecrets", error.Message);
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
