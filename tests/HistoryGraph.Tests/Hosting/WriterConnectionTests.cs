using System.Net;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HistoryGraph.Tests.Hosting;

/// Readers cannot starve the writer: with every connection of the readers' pool held (as slow
/// exports, long queries or a crowd of dashboards hold them), a webhook is still acknowledged,
/// on a connection of the writer's own pool.
public class WriterConnectionTests
{
    [Fact]
    public async Task readers_holding_every_pooled_connection_do_not_hold_up_acknowledgements()
    {
        var connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("writerpool");
        await using var server = await HistoryGraphServer.StartAsync($"ConnectionStrings:History={connectionString};Maximum Pool Size=3",
            "Ingestion:UnavailableRetrySeconds=3");
        await PostgresServerFixture.WaitHealthyAsync(server);

        var contexts = server.Services.GetRequiredService<IDbContextFactory<HistoryDbContext>>();
        var held = new List<HistoryDbContext>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var db = await contexts.CreateDbContextAsync();
                await db.Database.OpenConnectionAsync();
                held.Add(db);
            }
            // The readers' pool is exhausted: one more reader waits.
            await using (var extra = await contexts.CreateDbContextAsync())
            {
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => extra.Database.OpenConnectionAsync(wait.Token));
            }

            var response = await server.PostAsync(OmEvent.Batch(OmEvent.Created(Guid.NewGuid(), "mysql.shop.public.pool_test")));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);

            await using var admin = new NpgsqlConnection(connectionString);
            await admin.OpenAsync();
            await using var names = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE '% writer'", admin);
            Assert.True((long)(await names.ExecuteScalarAsync())! >= 1, "The writer's connection was not its own.");
        }
        finally
        {
            foreach (var db in held)
                await db.DisposeAsync();
        }
    }
}
