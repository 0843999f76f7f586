using System.Collections.Concurrent;

namespace HistoryGraph.Transport.Streaming;

/// Live operations running at once per caller (a key or token, or an address without one),
/// across all its connections: Streaming:MaxOperationsPerCaller.
public sealed class LiveOperationLimit
{
    private readonly ConcurrentDictionary<string, int> _running = new(StringComparer.Ordinal);

    public bool TryEnter(string caller, int max)
    {
        while (true)
        {
            var running = _running.GetValueOrDefault(caller);
            if (running >= max)
                return false;
            if (running == 0 ? _running.TryAdd(caller, 1) : _running.TryUpdate(caller, running + 1, running))
                return true;
        }
    }

    public void Exit(string caller)
    {
        while (_running.TryGetValue(caller, out var running))
        {
            if (running <= 1 ? _running.TryRemove(KeyValuePair.Create(caller, running)) : _running.TryUpdate(caller, running - 1, running))
                return;
        }
    }

    public int Running(string caller) => _running.GetValueOrDefault(caller);
}
