using Npgsql;

namespace HistoryGraph.CompiledReads;

/// The compiled path's own pool of PostgreSQL connections.
public sealed class CompiledReadConnections(NpgsqlDataSource source) : IAsyncDisposable
{
    public NpgsqlDataSource Source { get; } = source;

    public ValueTask DisposeAsync() => Source.DisposeAsync();
}
