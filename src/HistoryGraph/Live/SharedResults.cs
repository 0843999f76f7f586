using System.Collections.Concurrent;
using GraphQL;

namespace HistoryGraph.Live;

/// The results of one live value (an event, a statistics update) under different selections,
/// each computed once for all the subscribers that share its key (same document, variables
/// and user): a thousand dashboards with the same subscription cost one execution and one
/// serialization per value, not a thousand.
public sealed class SharedResults
{
    /// Different selections whose results are kept for sharing; further ones compute their own.
    private const int MaxShared = 64;
    private ConcurrentDictionary<string, Lazy<Task<ExecutionResult>>>? _results;

    public Task<ExecutionResult> GetAsync(string key, Func<Task<ExecutionResult>> compute)
    {
        var results = LazyInitializer.EnsureInitialized(ref _results, () => new ConcurrentDictionary<string, Lazy<Task<ExecutionResult>>>(StringComparer.Ordinal));
        if (results.TryGetValue(key, out var known))
            return known.Value;
        if (results.Count >= MaxShared)
            return compute();
        return results.GetOrAdd(key, _ => new Lazy<Task<ExecutionResult>>(compute)).Value;
    }
}
