using HistoryGraph.TestSupport;

namespace HistoryGraph.Tests;

/// A running server on a fresh PostgreSQL database, shared by one test class; a subclass
/// names settings of its own.
public class PostgresServerFixture : IAsyncLifetime
{
    public HistoryGraphServer Server { get; private set; } = null!;
    public string ConnectionString { get; private set; } = "";

    protected virtual string[] Settings => [];

    public virtual async Task InitializeAsync()
    {
        var postgres = await PostgresServer.SharedAsync();
        ConnectionString = await postgres.CreateDatabaseAsync();
        Server = await HistoryGraphServer.StartAsync([$"ConnectionStrings:History={ConnectionString}", "OpenMetadata:MaxBodyBytes=65536", .. Settings]);
        await Server.Client.GetAsync("/health"); // the schema is migrated in the background
        await WaitHealthyAsync(Server);
    }

    public static async Task WaitHealthyAsync(HistoryGraphServer server)
    {
        for (var i = 0; i < 100; i++)
        {
            if ((await server.Client.GetAsync("/health")).IsSuccessStatusCode)
                return;
            await Task.Delay(100);
        }
        throw new TimeoutException("The server did not become healthy within 10 s.");
    }

    public virtual async Task DisposeAsync() => await Server.DisposeAsync();
}
