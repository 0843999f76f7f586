using System.Text.Json.Nodes;
using HistoryGraph.Notifications.Messages;

namespace HistoryGraph.Notifications;

/// A digest as a target would receive it: its content and the message in the target's format.
public sealed record DigestPreview(MessageDocument Document, JsonObject Message);
