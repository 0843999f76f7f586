using HistoryGraph.Ingestion.Storage;
using Npgsql;

namespace HistoryGraph.CompiledReads;

/// The compiled path's own pools of PostgreSQL connections: one whose prepared statements keep
/// their plans (plan_cache_mode=auto), for statements one plan serves whatever their values,
/// and one that plans each execution for its values (force_custom_plan), for the others. A
/// second pair reads from a standby, inside a StandbyReads scope, when standbys are on.
public sealed class CompiledReadConnections(CompiledReadPools primary, CompiledReadPools? standby) : IAsyncDisposable
{
    public NpgsqlDataSource For(StatementText statement)
    {
        var pools = standby is not null && StandbyReads.Active ? standby : primary;
        return statement.PlannedPerValue ? pools.PlannedPerValue : pools.Planned;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var pools in new[] { primary, standby }.OfType<CompiledReadPools>())
        {
            await pools.Planned.DisposeAsync();
            await pools.PlannedPerValue.DisposeAsync();
        }
    }
}
