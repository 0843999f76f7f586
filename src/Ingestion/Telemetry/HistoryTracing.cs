using System.Diagnostics;

namespace HistoryGraph.Ingestion.Telemetry;

/// HistoryGraph's spans: a webhook delivery's write (from the request to its commit), each
/// commit (linked to the deliveries it wrote), a GraphQL operation and a notification attempt.
/// Npgsql's spans of the statements run inside them become their children.
public static class HistoryTracing
{
    public const string SourceName = "HistoryGraph";

    public static ActivitySource Source { get; } = new(SourceName);
}
