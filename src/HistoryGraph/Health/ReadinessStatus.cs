namespace HistoryGraph.Health;

/// /health/ready's answer. Status: "ready", "migrating" (the schema is being brought up to date,
/// or the store has not answered since start-up), "draining" (shutting down), or "unavailable"
/// (the store does not answer). Detail says it in words.
public sealed record ReadinessStatus(string Status, string Detail);
