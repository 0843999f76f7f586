using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using HistoryGraph.Ingestion.Notifications;

namespace HistoryGraph.Notifications.Messages;

/// What a notification says, before any platform's format: every platform renders this one
/// shape (an event's notice, a digest, a test message), each within its own size limits.
public sealed class MessageDocument
{
    /// One line, plain text.
    public required string Title { get; init; }
    /// A sentence saying who did what, plain text.
    public required string Summary { get; init; }
    public IReadOnlyList<MessageFact> Facts { get; init; } = [];
    public IReadOnlyList<MessageSection> Sections { get; init; } = [];
    /// Where to look at what changed (the asset in OpenMetadata).
    public string? Link { get; init; }
    public string LinkLabel { get; init; } = "Open in OpenMetadata";
    public DateTime Timestamp { get; init; }
    /// A digest of a period without changes: not sent unless its schedule asks.
    public bool Empty { get; init; }
    /// A breaking change or a deletion: platforms that can, show it as a warning.
    public bool Alert { get; init; }
    /// Plain text under the message (what sent it, the event's sequence).
    public required string Footer { get; init; }
    /// A key for receivers that remove duplicates (an event's sequence and the target).
    public required string Key { get; init; }
    /// The machine-readable form, for WEBHOOK targets: the envelope's event_type and payload.
    public required string EventType { get; init; }
    public required JsonObject Payload { get; init; }
    /// What a template sees as `event` (or `digest`): the message's particulars as text.
    public required string ModelName { get; init; }
    public required IReadOnlyDictionary<string, string?> Values { get; init; }

    /// The bytes sent for this message, by platform, Telegram chat and template: an event's
    /// notice goes to every target it matches, most of them alike, and is made into JSON once.
    internal ConcurrentDictionary<(NotificationKind Kind, string? ChatId, MessageTemplate? Template), byte[]> SentBodies { get; } = new();
}
