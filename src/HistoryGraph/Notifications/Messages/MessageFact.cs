namespace HistoryGraph.Notifications.Messages;

/// A labelled value shown beside others (entity, type, by, version), plain text.
public sealed record MessageFact(string Label, string Value);
