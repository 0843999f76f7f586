using HistoryGraph.Hosting;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.Tests.Hosting;

public class MaintenanceCommandTests
{
    [Fact]
    public async Task migrate_creates_the_schema_and_replay_rejected_stores_what_can_now_be_read()
    {
        var postgres = await PostgresServer.SharedAsync();
        var connectionString = await postgres.CreateDatabaseAsync();
        var settings = $"--ConnectionStrings:History={connectionString}";

        Assert.Equal(0, await MaintenanceCommands.RunAsync(["migrate", settings]));

        var contexts = await TestStores.PostgresAsync(connectionString);
        var readable = new OmEvent { EntityId = Guid.NewGuid() };
        await using (var db = contexts.CreateDbContext())
        {
            db.RejectedDeliveries.Add(new RejectedDelivery { ReceivedAt = DateTime.UtcNow, Body = readable.ToBytes(), Reason = "older release" });
            await db.SaveChangesAsync();
        }

        Assert.Equal(0, await MaintenanceCommands.RunAsync(["replay-rejected", settings, "--Serilog:MinimumLevel:Default=Warning"]));

        await using var check = contexts.CreateDbContext();
        Assert.True(await check.ChangeEvents.AnyAsync(e => e.EntityId == readable.EntityId));
        Assert.NotNull((await check.RejectedDeliveries.SingleAsync()).ReplayedAt);
    }

    [Fact]
    public async Task an_unknown_command_is_refused() =>
        Assert.Equal(2, await MaintenanceCommands.RunAsync(["frobnicate"]));
}
