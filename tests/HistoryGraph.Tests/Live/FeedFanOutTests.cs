using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Live;
using Microsoft.Extensions.Options;

namespace HistoryGraph.Tests.Live;

/// The feed's fan-out pass delivers to subscriptions waiting at its head, and hands a
/// subscription back to its own task whenever it cannot deliver without waiting. Whatever the
/// interleaving of subscribing, publishing, refusals and unsubscribing, each subscription gets
/// every event after its start once and in order.
public class FeedFanOutTests
{
    private static LiveEvent Event(long sequence) => new()
    {
        Event = new ChangeEvent { Sequence = sequence, EventKey = $"k{sequence}", EventType = "entityUpdated", EntityType = "table", Payload = [] },
        FieldChanges = [],
    };

    private sealed class Recorder : IObserver<object?>
    {
        private readonly List<long> _sequences = [];
        public Exception? Error { get; private set; }

        public long[] Sequences
        {
            get
            {
                lock (_sequences)
                    return [.. _sequences];
            }
        }

        public void OnNext(object? value)
        {
            lock (_sequences)
                _sequences.Add(((LiveItem)value!).Event.Sequence);
        }

        public void OnError(Exception error) => Error = error;

        public void OnCompleted()
        {
        }
    }

    [Fact]
    public async Task every_subscription_gets_every_later_event_once_and_in_order_through_the_pass_and_its_own_task()
    {
        var feed = new ChangeFeed(Options.Create(new LiveOptions { FeedBufferEvents = 100_000 }));
        feed.Start(0);
        using var stop = new CancellationTokenSource();
        var fanOut = feed.FanOutAsync(stop.Token);
        // Nothing may be read from the store: every event stays in memory.
        var topic = new LiveTopic(e => e, _ => throw new InvalidOperationException("read from the store"));
        const long last = 6_000;
        var publisher = Task.Run(async () =>
        {
            for (var s = 1L; s <= last; s += 3)
            {
                feed.Publish([Event(s), Event(s + 1), Event(s + 2)]);
                if (s % 30 == 1)
                    await Task.Delay(1);
            }
        });

        var subscriptions = new List<(Recorder Recorder, IDisposable Subscription)>();
        for (var i = 0; i < 300; i++)
        {
            // A third have a connection that now and then has no room: the pass hands them back
            // to their own task, which waits for room and then waits in the feed again.
            var flow = i % 3 == 0 ? new SubscriberFlow(async ct => { await Task.Yield(); return true; }, () => Random.Shared.Next(4) != 0, "key") : null;
            var recorder = new Recorder();
            subscriptions.Add((recorder, new LiveSubscription(feed, null!, topic, after: null, flow).Subscribe(recorder)));
            if (i % 20 == 0)
                await Task.Delay(1);
        }
        await publisher;
        await WaitUntilAsync(() => subscriptions.All(s => s.Recorder.Sequences is [.., last]), () => $"{subscriptions.Count(s => s.Recorder.Sequences is not [.., last])} behind, waiting {feed.WaitingCount}");

        foreach (var (recorder, _) in subscriptions)
        {
            Assert.Null(recorder.Error);
            var received = recorder.Sequences;
            Assert.NotEmpty(received);
            Assert.Equal(Enumerable.Range(0, received.Length).Select(k => received[0] + k), received);
        }
        await WaitUntilAsync(() => feed.WaitingCount == subscriptions.Count, () => $"waiting {feed.WaitingCount}");

        // Unsubscribed while waiting: they leave the pass and get nothing more.
        foreach (var (_, subscription) in subscriptions.Take(100))
            subscription.Dispose();
        await WaitUntilAsync(() => feed.WaitingCount == 200);
        feed.Publish([Event(last + 1)]);
        await WaitUntilAsync(() => subscriptions.Skip(100).All(s => s.Recorder.Sequences is [.., last + 1]));
        Assert.All(subscriptions.Take(100), s => Assert.Equal(last, s.Recorder.Sequences[^1]));

        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fanOut);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, Func<string>? state = null)
    {
        for (var i = 0; i < 300 && !condition(); i++)
            await Task.Delay(50);
        Assert.True(condition(), state?.Invoke());
    }
}
