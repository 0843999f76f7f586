namespace HistoryGraph.Live;

public enum FeedRead
{
    /// Nothing newer than the reader's position.
    UpToDate,
    /// Events were copied.
    Read,
    /// The next event is no longer in memory: read the store.
    Behind,
}
