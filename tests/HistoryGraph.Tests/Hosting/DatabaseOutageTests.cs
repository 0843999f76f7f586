using System.Net;
using System.Text.Json;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HistoryGraph.Tests.Hosting;

/// Stops a PostgreSQL cluster of its own under a running server, and starts it again.
public class DatabaseOutageTests
{
    [Fact]
    public async Task an_unreachable_database_gives_503_and_the_server_recovers_by_itself()
    {
        await using var postgres = await PostgresServer.StartNewAsync();
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var server = await HistoryGraphServer.StartAsync($"ConnectionStrings:History={connectionString}", "Ingestion:UnavailableRetrySeconds=1");
        await PostgresServerFixture.WaitHealthyAsync(server);

        var before = new OmEvent { EntityId = Guid.NewGuid() };
        Assert.Equal(HttpStatusCode.OK, (await server.PostAsync(before.ToJson())).StatusCode);

        await postgres.StopAsync();
        var during = new OmEvent { EntityId = Guid.NewGuid() };
        var refused = await server.PostAsync(during.ToJson());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("STORE_UNAVAILABLE", problem.GetProperty("code").GetString());
        var query = await server.Client.PostAsync("/graphql", new StringContent("{\"query\":\"{ entity(fqn: \\\"a.b\\\") { fqn } }\"}", System.Text.Encoding.UTF8, "application/json"));
        var queryError = JsonDocument.Parse(await query.Content.ReadAsStringAsync()).RootElement.GetProperty("errors")[0];
        Assert.Equal("STORE_UNAVAILABLE", queryError.GetProperty("extensions").GetProperty("code").GetString());
        var health = await server.Client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Contains("\"database\":\"disconnected\"", await health.Content.ReadAsStringAsync());

        await postgres.StartAsync();
        var after = new OmEvent { EntityId = Guid.NewGuid() };
        Assert.Equal(HttpStatusCode.OK, (await server.PostAsync(after.ToJson())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.PostAsync(during.ToJson())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/health")).StatusCode);

        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HistoryDbContext>();
        var sequences = await db.ChangeEvents.OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync();
        Assert.Equal([1L, 2L, 3L], sequences);
        Assert.Equal(3, await db.Entities.CountAsync());
    }

    [Fact]
    public async Task the_server_starts_while_the_database_is_down_and_migrates_once_it_is_up()
    {
        await using var postgres = await PostgresServer.StartNewAsync();
        var connectionString = await postgres.CreateDatabaseAsync();
        await postgres.StopAsync();

        await using var server = await HistoryGraphServer.StartAsync($"ConnectionStrings:History={connectionString}", "Ingestion:UnavailableRetrySeconds=1");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await server.Client.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await server.PostAsync(new OmEvent().ToJson())).StatusCode);

        await postgres.StartAsync();
        await PostgresServerFixture.WaitHealthyAsync(server);
        Assert.Equal(HttpStatusCode.OK, (await server.PostAsync(new OmEvent().ToJson())).StatusCode);
    }
}
