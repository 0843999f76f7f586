using HistoryGraph.TestSupport;

namespace HistoryGraph.Tests.Notifications;

/// A fake receiver and a server on a fresh PostgreSQL database that may send to it (private
/// addresses allowed), with an admin key; a subclass adds settings of its own.
public abstract class ReceiverServerFixture : IAsyncLifetime
{
    public FakeReceiver Receiver { get; private set; } = null!;
    public HistoryGraphServer Server { get; private set; } = null!;

    public abstract string AdminKey { get; }

    protected virtual string[] Settings => [];

    public async Task InitializeAsync()
    {
        Receiver = await FakeReceiver.StartAsync();
        var connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
        Server = await HistoryGraphServer.StartAsync([$"ConnectionStrings:History={connectionString}", $"Admin:ApiKeys:0={AdminKey}", "Notifications:AllowPrivateNetworks=true", .. Settings]);
        await PostgresServerFixture.WaitHealthyAsync(Server);
    }

    public virtual async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}
