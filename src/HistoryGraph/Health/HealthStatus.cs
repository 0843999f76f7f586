namespace HistoryGraph.Health;

public sealed record HealthStatus(string Status, string Database);
