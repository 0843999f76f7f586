namespace HistoryGraph.Shutdown;

/// How the server stops on SIGTERM (section "Shutdown"): first it reports not ready, then,
/// DrainDelaySeconds later (time for load balancers to stop sending), it refuses webhooks,
/// ends live connections and drains the writer, all within TimeoutSeconds.
public sealed class ShutdownOptions
{
    public const string Section = "Shutdown";

    /// Between /health/ready turning 503 and the server refusing work. Kubernetes needs a few
    /// seconds to take an endpoint out of a Service; 0 in tests or behind nothing.
    public double DrainDelaySeconds { get; set; } = 5;

    /// The whole shutdown at most (the host's shutdown timeout): the delay, the writer's drain,
    /// notification sends under way, and the last checkpoint. Keep it below the orchestrator's
    /// grace period (Kubernetes' terminationGracePeriodSeconds, 30 by default).
    public double TimeoutSeconds { get; set; } = 25;

    /// Retry-After given to webhooks refused while stopping.
    public int RetryAfterSeconds { get; set; } = 5;
}
