using HistoryGraph.Ingestion.Storage;
using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.TestSupport;

/// A migrated store for one test class, and fresh ones for tests that need a store to
/// themselves (for example to check that sequence numbers have no gaps).
public interface IHistoryStoreFixture
{
    IDbContextFactory<HistoryDbContext> Contexts { get; }
    /// A new store of its own; not migrated when migrate is false (an empty database).
    Task<IDbContextFactory<HistoryDbContext>> CreateFreshStoreAsync(bool migrate = true);
}
