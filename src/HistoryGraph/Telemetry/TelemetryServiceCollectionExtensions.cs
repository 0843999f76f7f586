using HistoryGraph.Ingestion.Telemetry;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace HistoryGraph.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// /metrics always; OTLP export of metrics and traces when an endpoint is configured.
    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<TelemetryOptions>(configuration.GetSection(TelemetryOptions.Section));
        services.AddSingleton<PrometheusExport>();
        services.AddHostedService(sp => sp.GetRequiredService<PrometheusExport>());

        var options = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var endpoint = options.OtlpEndpoint ?? configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (string.IsNullOrWhiteSpace(endpoint))
            return services;
        var protocol = options.OtlpProtocol.Equals("http/protobuf", StringComparison.OrdinalIgnoreCase) ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName, serviceVersion: Health.ServerVersion.Current))
            .WithMetrics(metrics => metrics
                .AddMeter(HistoryMetrics.MeterName, "System.Runtime")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddNpgsqlInstrumentation()
                // OTLP names carry the product in the instrument's name, as semantic conventions
                // ask; Prometheus gets it from the meter's name.
                .AddView(instrument => instrument.Meter.Name == HistoryMetrics.MeterName
                    ? new MetricStreamConfiguration { Name = "historygraph." + instrument.Name }
                    : null))
            .WithTracing(tracing => tracing
                .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(Math.Clamp(options.TraceSampleRatio, 0, 1))))
                .AddSource(HistoryTracing.SourceName)
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = http => !http.Request.Path.StartsWithSegments("/health") && !http.Request.Path.StartsWithSegments(MetricsApi.Path))
                .AddHttpClientInstrumentation()
                .AddNpgsql())
            .UseOtlpExporter(protocol, new Uri(endpoint));
        return services;
    }
}
