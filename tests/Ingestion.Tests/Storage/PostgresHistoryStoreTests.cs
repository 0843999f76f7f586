using HistoryGraph.TestSupport;

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
}
