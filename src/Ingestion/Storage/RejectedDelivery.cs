namespace HistoryGraph.Ingestion.Storage;

/// A correctly signed body (or one item of a batch) that could not be understood, kept byte
/// for byte so that `replay-rejected` can process it after an upgrade.
public sealed class RejectedDelivery
{
    public long Id { get; set; }
    public DateTime ReceivedAt { get; set; }
    public required byte[] Body { get; set; }
    public int? PartIndex { get; set; }
    public required string Reason { get; set; }
    public int ReplayAttempts { get; set; }
    public DateTime? ReplayedAt { get; set; }
    public long? ReplayedEventSequence { get; set; }
}
