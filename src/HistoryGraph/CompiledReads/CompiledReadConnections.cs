using Npgsql;

namespace HistoryGraph.CompiledReads;

/// The compiled path's own pools of PostgreSQL connections: one whose prepared statements keep
/// their plans (plan_cache_mode=auto), for statements one plan serves whatever their values,
/// and one that plans each execution for its values (force_custom_plan), for the others.
public sealed class CompiledReadConnections(NpgsqlDataSource planned, NpgsqlDataSource plannedPerValue) : IAsyncDisposable
{
    public NpgsqlDataSource For(StatementText statement) => statement.PlannedPerValue ? plannedPerValue : planned;

    public async ValueTask DisposeAsync()
    {
        await planned.DisposeAsync();
        await plannedPerValue.DisposeAsync();
    }
}
