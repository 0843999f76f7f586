using HistoryGraph.Ingestion.Notifications;

namespace HistoryGraph.Ingestion.Storage;

/// One notification to one target: an event, a digest or a test message, with its attempts.
/// Written once per (event, target) and per (target, digest period), so that it is sent once.
public sealed class NotificationDelivery
{
    public long Id { get; set; }
    public Guid TargetId { get; set; }
    public DeliveryKind Kind { get; set; }
    /// EVENT: the event notified.
    public long? EventSequence { get; set; }
    /// CHECKPOINT: the checkpoint published (LogCheckpoint.Id).
    public long? CheckpointId { get; set; }
    /// DIGEST: the period reported, [PeriodStart, PeriodEnd).
    public DigestPeriod? DigestPeriod { get; set; }
    public DateTime? PeriodStart { get; set; }
    public DateTime? PeriodEnd { get; set; }
    /// DIGEST: send it even when nothing changed in the period.
    public bool SendWhenEmpty { get; set; }
    /// `dispatcher`, `schedule`, or the admin key that asked.
    public required string RequestedBy { get; set; }
    public DeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? FirstAttemptAt { get; set; }
    public DateTime? LastAttemptAt { get; set; }
    public DateTime? DeliveredAt { get; set; }
    /// The last attempt: the receiver's status code, the start of its answer, what went wrong, how long it took.
    public int? ResponseStatusCode { get; set; }
    public string? ResponseExcerpt { get; set; }
    public string? Error { get; set; }
    public double? DurationMs { get; set; }
}
