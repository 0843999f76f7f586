using HistoryGraph.Ingestion.Storage;
using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.TestSupport;

/// A fresh database on the shared throwaway cluster for each test class, migrated once.
public sealed class PostgresStoreFixture : IHistoryStoreFixture, IAsyncLifetime
{
    public IDbContextFactory<HistoryDbContext> Contexts { get; private set; } = null!;
    public PostgresServer Server { get; private set; } = null!;
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Server = await PostgresServer.SharedAsync();
        ConnectionString = await Server.CreateDatabaseAsync();
        Contexts = await TestStores.PostgresAsync(ConnectionString);
    }

    public async Task<IDbContextFactory<HistoryDbContext>> CreateFreshStoreAsync(bool migrate = true) =>
        await TestStores.PostgresAsync(await Server.CreateDatabaseAsync(), migrate);

    public Task DisposeAsync() => Task.CompletedTask;
}
