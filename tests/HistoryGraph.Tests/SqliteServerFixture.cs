using HistoryGraph.TestSupport;

namespace HistoryGraph.Tests;

/// A running server on a fresh embedded SQLite store, shared by one test class; a subclass
/// names settings of its own.
public class SqliteServerFixture : IAsyncLifetime
{
    private readonly string _path = TestStores.NewSqlitePath();

    public HistoryGraphServer Server { get; private set; } = null!;
    public string ConnectionString => $"Data Source={_path}";

    protected virtual string[] Settings => [];

    public virtual async Task InitializeAsync()
    {
        Server = await HistoryGraphServer.StartAsync([$"ConnectionStrings:History={ConnectionString}", .. Settings]);
        await PostgresServerFixture.WaitHealthyAsync(Server);
    }

    public virtual async Task DisposeAsync()
    {
        await PostgresServerFixture.AssertVerifiesAsync(Server);
        await Server.DisposeAsync();
        TestStores.DeleteSqlite(_path);
    }
}
