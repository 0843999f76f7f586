using System.Collections.Concurrent;

namespace HistoryGraph.Loading;

/// The nested-connection loaders of one request (a scoped service), one per field and set of
/// arguments, so that every parent asking for the same page shares one query.
public sealed class ConnectionLoaders
{
    private readonly ConcurrentDictionary<string, object> _loaders = new();

    public BatchLoader<TKey, TValue> For<TKey, TValue>(string signature, Func<BatchLoader<TKey, TValue>> create) where TKey : notnull =>
        (BatchLoader<TKey, TValue>)_loaders.GetOrAdd(signature, _ => create());
}
