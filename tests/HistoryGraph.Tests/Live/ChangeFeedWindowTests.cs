using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Live;
using Microsoft.Extensions.Options;

namespace HistoryGraph.Tests.Live;

/// The feed's in-memory window is bounded in bytes as well as in events: large events make it
/// shorter (readers further back read the store), and one larger than the whole window is not
/// kept at all.
public class ChangeFeedWindowTests
{
    private static LiveEvent Event(long sequence, int payloadBytes) => new()
    {
        Event = new ChangeEvent
        {
            Sequence = sequence, EventKey = $"k{sequence}", EventType = "entityUpdated", EntityType = "table",
            Payload = new byte[payloadBytes],
        },
        FieldChanges = [],
    };

    private static ChangeFeed Feed(int events, long bytes)
    {
        var feed = new ChangeFeed(Options.Create(new LiveOptions { FeedBufferEvents = events, FeedBufferBytes = bytes }));
        feed.Start(0);
        return feed;
    }

    [Fact]
    public void large_events_shorten_the_window_to_its_byte_bound()
    {
        var feed = Feed(events: 1000, bytes: 1_000_000);
        // About 201 KB each: four fit in a million bytes, not five.
        feed.Publish(Enumerable.Range(1, 10).Select(s => Event(s, 200_000)).ToList());
        var read = new List<LiveEvent>();
        Assert.Equal(FeedRead.Behind, feed.Read(after: 5, max: 100, read));
        Assert.Equal(FeedRead.Read, feed.Read(after: 6, max: 100, read));
        Assert.Equal([7L, 8, 9, 10], read.Select(e => e.Sequence));
    }

    [Fact]
    public void small_events_are_bounded_by_count_as_before()
    {
        var feed = Feed(events: 16, bytes: 1_000_000_000);
        feed.Publish(Enumerable.Range(1, 40).Select(s => Event(s, 10)).ToList());
        var read = new List<LiveEvent>();
        Assert.Equal(FeedRead.Behind, feed.Read(after: 20, max: 100, read));
        Assert.Equal(FeedRead.Read, feed.Read(after: 24, max: 100, read));
        Assert.Equal(Enumerable.Range(25, 16).Select(s => (long)s), read.Select(e => e.Sequence));
    }

    [Fact]
    public void an_event_larger_than_the_window_is_read_from_the_store_and_later_ones_from_memory()
    {
        var feed = Feed(events: 100, bytes: 100_000);
        feed.Publish([Event(1, 100), Event(2, 100)]);
        feed.Publish([Event(3, 1_000_000)]);
        feed.Publish([Event(4, 100)]);
        var read = new List<LiveEvent>();
        Assert.Equal(FeedRead.Behind, feed.Read(after: 2, max: 100, read));
        Assert.Equal(FeedRead.Read, feed.Read(after: 3, max: 100, read));
        Assert.Equal([4L], read.Select(e => e.Sequence));
        Assert.Equal(4, feed.Head);
    }
}
