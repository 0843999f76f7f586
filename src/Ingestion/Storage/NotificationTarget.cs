using HistoryGraph.Ingestion.Notifications;

namespace HistoryGraph.Ingestion.Storage;

/// A place notifications go: its destination and secrets (encrypted with Data Protection, with a
/// mask made when saved so that showing a target never decrypts anything), which events it
/// wants, how messages read, its digests, and its delivery health after OpenMetadata's status model.
public sealed class NotificationTarget
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public NotificationKind Kind { get; set; }
    /// The incoming-webhook or receiver URL; chat platforms put their credentials in it.
    public string? ProtectedUrl { get; set; }
    public string? UrlMask { get; set; }
    /// WEBHOOK: the key its messages are signed with.
    public string? ProtectedSecret { get; set; }
    public string? SecretMask { get; set; }
    /// TELEGRAM: the bot's token.
    public string? ProtectedBotToken { get; set; }
    public string? BotTokenMask { get; set; }
    /// TELEGRAM: the chat, group or channel messages go to.
    public string? ChatId { get; set; }
    /// EMAIL: the recipients.
    public List<string> Emails { get; set; } = [];
    /// A ChangeEventFilterInput as JSON; null: every event.
    public string? Filter { get; set; }
    /// A Liquid template for the message text; null: the platform's standard message.
    public string? Template { get; set; }
    public bool Enabled { get; set; }
    /// Whether it is sent change events (those its Filter matches); false: digests and checkpoints only.
    public bool SendEvents { get; set; } = true;
    /// Whether it is sent every signed checkpoint of the transparency log, so that copies are
    /// held outside the store (a witness).
    public bool SendCheckpoints { get; set; }
    /// IANA time zone the digest schedules are read in.
    public required string TimeZone { get; set; }
    public List<DigestSchedule> Digests { get; set; } = [];
    /// At most this many messages a minute; null: Notifications:RateLimitPerMinute.
    public int? RateLimitPerMinute { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// Events after this sequence are notified: the store's highest when the target was made or
    /// last enabled, so that a new target does not replay the history.
    public long StartSequence { get; set; }
    /// Digest schedules have been looked at up to this instant.
    public DateTime DigestsCheckedAt { get; set; }

    public NotificationStatus Status { get; set; }
    /// Failed attempts since the last success.
    public int ConsecutiveFailures { get; set; }
    public DateTime? LastSuccessfulAt { get; set; }
    public DateTime? LastFailedAt { get; set; }
    public int? LastFailedStatusCode { get; set; }
    public string? LastFailedReason { get; set; }
    /// AWAITING_RETRY: when the message that failed is tried again. Nothing else is sent before,
    /// so that the target's messages arrive in order.
    public DateTime? NextAttemptAt { get; set; }
    public DateTime? LastAttemptAt { get; set; }
    public string? DisabledReason { get; set; }

    /// The instance sending this target's messages, and until when: one at a time, so that
    /// each message goes once, in order, within the target's rate limit.
    public string? LeaseOwner { get; set; }
    public DateTime? LeaseUntil { get; set; }
}
