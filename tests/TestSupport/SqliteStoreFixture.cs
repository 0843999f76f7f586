using HistoryGraph.Ingestion.Storage;
using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.TestSupport;

/// A fresh SQLite file for each test class, migrated once, deleted afterwards.
public sealed class SqliteStoreFixture : IHistoryStoreFixture, IAsyncLifetime
{
    private readonly List<string> _files = [];

    public IDbContextFactory<HistoryDbContext> Contexts { get; private set; } = null!;

    public async Task InitializeAsync() => Contexts = await CreateFreshStoreAsync();

    public async Task<IDbContextFactory<HistoryDbContext>> CreateFreshStoreAsync(bool migrate = true)
    {
        var path = TestStores.NewSqlitePath();
        _files.Add(path);
        return await TestStores.SqliteAsync(path, migrate);
    }

    public Task DisposeAsync()
    {
        TestStores.DeleteSqlite([.. _files]);
        return Task.CompletedTask;
    }
}
