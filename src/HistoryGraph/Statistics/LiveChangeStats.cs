using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Live;
using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.Statistics;

/// The live change statistics of this instance: one aggregator per set of arguments, started
/// by its first subscriber and stopped when its last one leaves, so that a thousand dashboards
/// showing the same counters cost one count of each event and no query of their own.
public sealed class LiveChangeStats(ChangeFeed feed, IDbContextFactory<HistoryDbContext> contexts, ILogger<LiveChangeStats> logger) : IDisposable
{
    private readonly Dictionary<string, ChangeStatsAggregator> _aggregators = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// Where a subscription without `after:` starts: the feed's head now, so that it receives what
    /// the events committed from now on touch, even those its aggregator counts before taking it in.
    public long? Head => feed.IsStarted ? feed.Head : null;

    /// Aggregators running now.
    public int Count
    {
        get
        {
            lock (_gate)
                return _aggregators.Count;
        }
    }

    /// Takes a subscriber to the aggregator of its arguments, started with `topic` (the events its
    /// filter matches) if none runs.
    public void Join(ChangeStatsArguments arguments, LiveTopic topic, ChangeStatsSubscriber subscriber)
    {
        ChangeStatsAggregator? aggregator;
        lock (_gate)
        {
            if (!_aggregators.TryGetValue(arguments.Key, out aggregator))
            {
                aggregator = new ChangeStatsAggregator(feed, contexts, arguments, topic, Ended, logger);
                _aggregators.Add(arguments.Key, aggregator);
                aggregator.Start();
            }
            aggregator.Subscribers++;
            aggregator.Join(subscriber);
        }
        subscriber.OnStop(() => Leave(aggregator, subscriber));
    }

    private void Leave(ChangeStatsAggregator aggregator, ChangeStatsSubscriber subscriber)
    {
        lock (_gate)
        {
            if (--aggregator.Subscribers > 0)
                return;
            if (_aggregators.GetValueOrDefault(aggregator.Key) == aggregator)
                _aggregators.Remove(aggregator.Key);
        }
        aggregator.Stop();
    }

    /// An aggregator that failed: the next subscriber starts a new one.
    private void Ended(ChangeStatsAggregator aggregator)
    {
        lock (_gate)
        {
            if (_aggregators.GetValueOrDefault(aggregator.Key) == aggregator)
                _aggregators.Remove(aggregator.Key);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var aggregator in _aggregators.Values)
                aggregator.Stop();
            _aggregators.Clear();
        }
    }
}
