namespace HistoryGraph.Health;

/// Status and Database as the original tracker answered them; Version is the release, Live
/// describes this instance's change feed and Payloads how it packs events (additive, so that the
/// tracker's clients still read the rest).
public sealed record HealthStatus(string Status, string Database, string Version, LiveStatus Live, PayloadStatus Payloads);
