namespace HistoryGraph.Health;

/// FeedSequence: the last event the live feed has read (-1 before it started). Connections: open
/// WebSocket and SSE connections. Commits: how other instances' commits reach this one:
/// "listening" (PostgreSQL NOTIFY), "reconnecting" (meanwhile the feed polls), or "local" (SQLite,
/// one instance).
public sealed record LiveStatus(long FeedSequence, int Connections, string Commits);
