namespace HistoryGraph.Notifications.Messages;

/// A heading and its items (the field changes of an event, a digest's most changed assets);
/// More says how many items were left out before any platform trimmed.
public sealed record MessageSection(string Heading, IReadOnlyList<MessageItem> Items, int More = 0);
