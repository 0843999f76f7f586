using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.Ingestion.Storage;

/// Lets code ask for a HistoryDbContext without knowing which provider's subclass is in use.
/// With a standby pool, a context made inside a StandbyReads scope comes from it.
public sealed class HistoryDbContextFactory<TContext>(IDbContextFactory<TContext> inner, IDbContextFactory<HistoryDbContext>? standby = null)
    : IDbContextFactory<HistoryDbContext>
    where TContext : HistoryDbContext
{
    public HistoryDbContext CreateDbContext() => standby is not null && StandbyReads.Active ? standby.CreateDbContext() : inner.CreateDbContext();
}
