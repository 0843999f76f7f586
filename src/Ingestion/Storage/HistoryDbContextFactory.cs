using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.Ingestion.Storage;

/// Lets code ask for a HistoryDbContext without knowing which provider's subclass is in use.
public sealed class HistoryDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<HistoryDbContext>
    where TContext : HistoryDbContext
{
    public HistoryDbContext CreateDbContext() => inner.CreateDbContext();
}
