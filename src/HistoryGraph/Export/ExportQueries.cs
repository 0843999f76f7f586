using Microsoft.Extensions.Options;

namespace HistoryGraph.Export;

/// Lets at most Export:ConcurrentQueries export page queries run at once: exports are bounded
/// readers, so that however many run, the writer competes with few of their queries. Only the
/// query is held, never the writing of the page to a client, however slowly it reads.
public sealed class ExportQueries(IOptions<ExportOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _turns = new(Math.Max(1, options.Value.ConcurrentQueries));

    public async Task<T> RunAsync<T>(Func<Task<T>> query, CancellationToken cancellationToken)
    {
        await _turns.WaitAsync(cancellationToken);
        try
        {
            return await query();
        }
        finally
        {
            _turns.Release();
        }
    }

    public void Dispose() => _turns.Dispose();
}
