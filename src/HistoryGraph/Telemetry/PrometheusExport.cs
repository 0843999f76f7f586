using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using HistoryGraph.Ingestion.Telemetry;
using Prometheus;

namespace HistoryGraph.Telemetry;

/// The metrics this server's /metrics serves: HistoryGraph's own, ASP.NET Core's and Kestrel's,
/// the HTTP client's (notifications, OpenMetadata), Npgsql's (connections and commands) and the
/// runtime's, kept in prometheus-net's collectors and written in its text format.
///
/// Names follow OpenTelemetry's Prometheus conventions: the instrument's name with `_` for `.`,
/// the unit as a suffix (`_seconds`, `_bytes`) and `_total` on counters, which stay counters.
/// (prometheus-net's own MeterAdapter reports counters as gauges, forgets series after a day
/// at most, and recorded nothing at all on .NET 10 when tried.)
/// Its own registry, listening only to the meters of this host, so that two servers in one
/// process do not report each other's figures.
public sealed class PrometheusExport : IHostedService, IDisposable
{
    /// Process-wide meters (no host owns them) that are exported too.
    private static readonly HashSet<string> SharedMeters = ["Npgsql", "System.Runtime"];

    private readonly IMeterFactory _meters;
    private readonly HistoryMetrics _metrics;
    private readonly MeterListener _listener = new();
    private readonly IMetricFactory _factory;
    private readonly ConcurrentDictionary<Instrument, Exported> _instruments = new();

    public PrometheusExport(IMeterFactory meters, HistoryMetrics metrics)
    {
        (_meters, _metrics) = (meters, metrics);
        Registry = Metrics.NewCustomRegistry();
        _factory = Metrics.WithCustomRegistry(Registry);
        _listener.InstrumentPublished = Publish;
        _listener.MeasurementsCompleted = (instrument, _) => _instruments.TryRemove(instrument, out Exported? _);
        _listener.SetMeasurementEventCallback<byte>((i, m, t, _) => Record(i, m, t));
        _listener.SetMeasurementEventCallback<short>((i, m, t, _) => Record(i, m, t));
        _listener.SetMeasurementEventCallback<int>((i, m, t, _) => Record(i, m, t));
        _listener.SetMeasurementEventCallback<long>((i, m, t, _) => Record(i, m, t));
        _listener.SetMeasurementEventCallback<float>((i, m, t, _) => Record(i, m, t));
        _listener.SetMeasurementEventCallback<double>((i, m, t, _) => Record(i, m, t));
        _listener.SetMeasurementEventCallback<decimal>((i, m, t, _) => Record(i, (double)m, t));
        Registry.AddBeforeCollectCallback(_listener.RecordObservableInstruments);
    }

    public CollectorRegistry Registry { get; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listener.Start();
        // Adding 0 now, when the listener hears it: the series alerts read are present before
        // anything happens, so that the first failure is an increase rather than a new series.
        _metrics.PublishZeroes();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Publish(Instrument instrument, MeterListener listener)
    {
        var meter = instrument.Meter;
        if (meter.Scope != _meters && !(meter.Scope is null && SharedMeters.Contains(meter.Name)))
            return;
        var kind = KindOf(instrument);
        if (kind is null)
            return;
        _instruments[instrument] = new Exported(kind.Value, NameOf(instrument, kind.Value), HelpOf(instrument), BucketsOf(instrument));
        listener.EnableMeasurementEvents(instrument);
    }

    private void Record<T>(Instrument instrument, T measurement, ReadOnlySpan<KeyValuePair<string, object?>> tags) where T : struct
    {
        if (!_instruments.TryGetValue(instrument, out var exported))
            return;
        var value = Convert.ToDouble(measurement, CultureInfo.InvariantCulture);
        var (names, values) = Labels(tags);
        var key = string.Join(',', names);
        var collector = exported.Collectors.GetOrAdd(key, _ => exported.Kind switch
        {
            Kind.Counter or Kind.ObservedCounter => _factory.CreateCounter(exported.Name, exported.Help, names),
            Kind.Histogram => _factory.CreateHistogram(exported.Name, exported.Help, names, new HistogramConfiguration { Buckets = exported.Buckets }),
            _ => (Collector)_factory.CreateGauge(exported.Name, exported.Help, names),
        });
        switch (exported.Kind)
        {
            case Kind.Counter:
                ((Counter)collector).WithLabels(values).Inc(value);
                break;
            case Kind.ObservedCounter:
                ((Counter)collector).WithLabels(values).IncTo(value);
                break;
            case Kind.UpDown:
                ((Gauge)collector).WithLabels(values).Inc(value);
                break;
            case Kind.Histogram:
                ((Histogram)collector).WithLabels(values).Observe(value);
                break;
            default:
                ((Gauge)collector).WithLabels(values).Set(value);
                break;
        }
    }

    private static (string[] Names, string[] Values) Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length == 0)
            return ([], []);
        var sorted = tags.ToArray();
        Array.Sort(sorted, (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var names = new string[sorted.Length];
        var values = new string[sorted.Length];
        for (var i = 0; i < sorted.Length; i++)
        {
            names[i] = Sanitize(sorted[i].Key);
            values[i] = Convert.ToString(sorted[i].Value, CultureInfo.InvariantCulture) ?? "";
        }
        return (names, values);
    }

    private static Kind? KindOf(Instrument instrument)
    {
        if (!instrument.GetType().IsGenericType)
            return null;
        var definition = instrument.GetType().GetGenericTypeDefinition();
        if (definition == typeof(Counter<>))
            return Kind.Counter;
        if (definition == typeof(ObservableCounter<>))
            return Kind.ObservedCounter;
        if (definition == typeof(UpDownCounter<>))
            return Kind.UpDown;
        if (definition == typeof(Histogram<>))
            return Kind.Histogram;
        if (definition == typeof(ObservableGauge<>) || definition == typeof(ObservableUpDownCounter<>) || definition == typeof(Gauge<>))
            return Kind.Gauge;
        return null;
    }

    /// HistoryGraph's "webhook.acknowledgement.duration" in s is
    /// historygraph_webhook_acknowledgement_duration_seconds; the others keep their instrument's
    /// name alone (http_server_request_duration_seconds, db_client_connection_count), as
    /// OpenTelemetry's exporter names them and the published ASP.NET Core dashboards expect.
    private static string NameOf(Instrument instrument, Kind kind)
    {
        var name = Sanitize(instrument.Meter.Name == HistoryMetrics.MeterName ? $"historygraph_{instrument.Name}" : instrument.Name);
        var unit = instrument.Unit switch
        {
            "s" => "_seconds",
            "ms" => "_milliseconds",
            "By" => "_bytes",
            _ => "",
        };
        if (unit.Length > 0 && !name.EndsWith(unit, StringComparison.Ordinal))
            name += unit;
        if (kind is Kind.Counter or Kind.ObservedCounter && !name.EndsWith("_total", StringComparison.Ordinal))
            name += "_total";
        return name;
    }

    private static string Sanitize(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            var keep = char.IsAsciiLetterOrDigit(c) || c == '_' ? char.ToLowerInvariant(c) : '_';
            if (keep != '_' || text.Length == 0 || text[^1] != '_')
                text.Append(keep);
        }
        return text.ToString();
    }

    private static string HelpOf(Instrument instrument) =>
        string.IsNullOrWhiteSpace(instrument.Description) ? instrument.Name : instrument.Description;

    /// The boundaries the instrument advises (HistoryMetrics', ASP.NET Core's, Npgsql's), else
    /// OpenTelemetry's default ones (milliseconds-minded, so seconds get their own).
    private static double[] BucketsOf(Instrument instrument)
    {
        IEnumerable<double>? advised = instrument switch
        {
            Histogram<double> { Advice.HistogramBucketBoundaries: { } buckets } => buckets,
            Histogram<int> { Advice.HistogramBucketBoundaries: { } buckets } => buckets.Select(b => (double)b),
            Histogram<long> { Advice.HistogramBucketBoundaries: { } buckets } => buckets.Select(b => (double)b),
            _ => null,
        };
        return advised?.ToArray() ?? (instrument.Unit == "s"
            ? [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10]
            : [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000]);
    }

    public void Dispose()
    {
        _listener.Dispose();
    }

    private enum Kind
    {
        Counter,
        ObservedCounter,
        UpDown,
        Gauge,
        Histogram,
    }

    private sealed record Exported(Kind Kind, string Name, string Help, double[] Buckets)
    {
        public ConcurrentDictionary<string, Collector> Collectors { get; } = new(StringComparer.Ordinal);
    }
}
