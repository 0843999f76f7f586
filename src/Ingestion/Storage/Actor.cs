namespace HistoryGraph.Ingestion.Storage;

/// A user or bot name seen in events; ChangeCount counts the events it made.
public sealed class Actor
{
    public required string Name { get; set; }
    public bool IsBot { get; set; }
    public DateTime FirstSeenAt { get; set; }
    public DateTime LastSeenAt { get; set; }
    public long ChangeCount { get; set; }
}
