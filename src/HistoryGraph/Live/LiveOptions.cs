namespace HistoryGraph.Live;

/// Settings of the change feed (section "Subscriptions"; the live connections' own are
/// Transport.Streaming.StreamingOptions).
public sealed class LiveOptions
{
    public const string Section = "Subscriptions";

    /// Events kept in memory for subscribers; one further behind reads the database.
    public int FeedBufferEvents { get; set; } = 2048;

    /// Memory those events may take (estimated from their text); the oldest leave first.
    public long FeedBufferBytes { get; set; } = 64L * 1024 * 1024;

    /// How often the feed looks for events it was not told about (a safety net: this
    /// instance's writer and PostgreSQL's NOTIFY wake it at once).
    public double PollIntervalSeconds { get; set; } = 5;
}
