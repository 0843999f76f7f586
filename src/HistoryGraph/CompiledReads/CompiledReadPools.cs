using Npgsql;

namespace HistoryGraph.CompiledReads;

/// One server's pair of compiled-path pools: plans kept (Planned) or made per value (PlannedPerValue).
public sealed record CompiledReadPools(NpgsqlDataSource Planned, NpgsqlDataSource PlannedPerValue);
