using GraphQL.DataLoader;

namespace HistoryGraph.Loading;

/// Collects the keys that resolvers ask for while GraphQL.NET resolves one level of the
/// query, then fetches them all with one call when the first result is awaited: nested fields
/// cost one query per field, not one per parent (no N+1). One instance per request.
public sealed class BatchLoader<TKey, TValue>(Func<IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch)
    where TKey : notnull
{
    private readonly Lock _gate = new();
    private readonly Dictionary<TKey, TValue?> _primed = [];
    private Batch _open = new();

    public IDataLoaderResult<TValue?> Load(TKey key)
    {
        lock (_gate)
        {
            if (_primed.TryGetValue(key, out var known))
                return new Known(known);
            _open.Keys.Add(key);
            return new Result(this, _open, key);
        }
    }

    /// A value already at hand, or known to be absent (null), such as a live event's related
    /// rows: loading it then asks nothing.
    public void Prime(TKey key, TValue? value)
    {
        lock (_gate)
            _primed[key] = value;
    }

    private async Task<TValue?> ResolveAsync(Batch batch, TKey key, CancellationToken cancellationToken)
    {
        Task<IReadOnlyDictionary<TKey, TValue>> fetching;
        lock (_gate)
        {
            if (batch.Fetching is null)
            {
                batch.Fetching = fetch(batch.Keys.ToList(), cancellationToken);
                if (ReferenceEquals(_open, batch))
                    _open = new Batch();
            }
            fetching = batch.Fetching;
        }
        var values = await fetching;
        return values.TryGetValue(key, out var value) ? value : default;
    }

    private sealed class Batch
    {
        public HashSet<TKey> Keys { get; } = [];
        public Task<IReadOnlyDictionary<TKey, TValue>>? Fetching { get; set; }
    }

    private sealed class Result(BatchLoader<TKey, TValue> loader, Batch batch, TKey key) : IDataLoaderResult<TValue?>
    {
        public Task<TValue?> GetResultAsync(CancellationToken cancellationToken = default) => loader.ResolveAsync(batch, key, cancellationToken);

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
    }

    private sealed class Known(TValue? value) : IDataLoaderResult<TValue?>
    {
        public Task<TValue?> GetResultAsync(CancellationToken cancellationToken = default) => Task.FromResult(value);

        Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => Task.FromResult<object?>(value);
    }
}
