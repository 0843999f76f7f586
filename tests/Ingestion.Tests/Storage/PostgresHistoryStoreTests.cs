using HistoryGraph.Ingestion.Payloads;
using HistoryGraph.Ingestion.Transparency;
using HistoryGraph.TestSupport;
using HistoryGraph.Ingestion.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace HistoryGraph.Ingestion.Tests.Storage;

public sealed class PostgresHistoryStoreTests(PostgresStoreFixture fixture) : HistoryStoreTests(fixture), IClassFixture<PostgresStoreFixture>
{
    [Fact]
    public async Task a_delivery_the_database_refuses_is_still_kept_verbatim_as_rejected()
    {
        // PostgreSQL's jsonb cannot hold \u0000; the event is valid JSON all the same.
        var body = new OmEvent { EntityId = Guid.NewGuid(), Entity = new System.Text.Json.Nodes.JsonObject { ["description"] = "nul\u0000byte" } }.ToBytes();
        await using var session = new StoreSession(fixture.Contexts);
        var outcome = await session.DeliverAsync(body);

        Assert.Equal(0, outcome.Stored);
        await using var db = session.Db();
        var rejected = db.RejectedDeliveries.Single(r => r.Id == outcome.RejectedIds[0]);
        Assert.Equal(body, rejected.Body);
        Assert.Contains("database refused", rejected.Reason);
    }

    // Several instances share one database only on PostgreSQL; the embedded SQLite store is single-instance.
    [Fact]
    public async Task several_instances_migrating_a_new_store_at_once_all_succeed()
    {
        // An existing, empty database, as a new deployment has it.
        var contexts = await fixture.CreateFreshStoreAsync(migrate: false);

        string connectionString;
        await using (var db = contexts.CreateDbContext())
            connectionString = db.Database.GetConnectionString()!;
        var migrator = new HistoryStoreMigrator(contexts, new StorageConnection(StorageProvider.PostgreSql, connectionString),
            [new TransparencyLogCatchUp(new PayloadCodec(), NullLogger<TransparencyLogCatchUp>.Instance)], NullLogger<HistoryStoreMigrator>.Instance);
        var migrations = Enumerable.Range(0, 3).Select(_ => Task.Run(() => migrator.MigrateAsync(CancellationToken.None)));
        await Task.WhenAll(migrations);

        await using var check = contexts.CreateDbContext();
        Assert.Empty(await check.Database.GetPendingMigrationsAsync());
        Assert.Equal(0, (await check.SequenceCounter.SingleAsync()).Value);
    }
}
