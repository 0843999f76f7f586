namespace HistoryGraph.Telemetry;

/// Where metrics and traces go. /metrics always serves Prometheus' text format; OTLP export
/// starts when an endpoint is configured here or in OTEL_EXPORTER_OTLP_ENDPOINT (the standard
/// OTEL_* variables are read too).
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// Lets anyone who reaches the server read /metrics; otherwise it needs the reader role like
    /// any read (Prometheus sends a key with `authorization: { credentials_file: ... }`).
    public bool AnonymousMetrics { get; set; }

    /// An OTLP collector, e.g. http://otel-collector:4317 (gRPC) or http://otel-collector:4318 (HTTP).
    public string? OtlpEndpoint { get; set; }

    /// "grpc" or "http/protobuf" (then /v1/metrics and /v1/traces are appended to the endpoint).
    public string OtlpProtocol { get; set; } = "grpc";

    /// service.name of this server's metrics and traces.
    public string ServiceName { get; set; } = "historygraph";

    /// Share of traces kept, 0 to 1 (a parent's decision is followed).
    public double TraceSampleRatio { get; set; } = 1;
}
