using System.Diagnostics.Metrics;

namespace HistoryGraph.Ingestion.Telemetry;

/// Every metric HistoryGraph records, defined once: name, unit, description, tags and histogram
/// buckets. The meter is "HistoryGraph"; an instrument "webhook.deliveries" is
/// `historygraph_webhook_deliveries` at /metrics and `historygraph.webhook.deliveries` over OTLP.
/// Tags take values from small fixed sets (an operation's name only when it is a trusted
/// document), so that the number of series stays bounded whatever clients send.
/// Made per host from its IMeterFactory, so that two servers in one process keep apart.
public sealed class HistoryMetrics
{
    public const string MeterName = "HistoryGraph";

    /// Seconds, from a millisecond to a minute: acknowledgements, commits, operations.
    private static readonly double[] DurationBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private static readonly int[] GroupSizeBuckets = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024];

    private static readonly double[] CostBuckets = [1, 5, 10, 50, 100, 500, 1_000, 5_000, 10_000, 50_000, 100_000];

    private Func<IEnumerable<Measurement<int>>>? _writerQueue;
    private Func<IEnumerable<Measurement<int>>>? _live;
    private Func<IEnumerable<Measurement<int>>>? _subscriptions;
    private Func<DateTime?>? _newestEvent;
    private Func<long>? _feedSequence;
    private Func<bool>? _storeAvailable;
    private Func<bool>? _ready;
    private long _notificationBacklog = -1;
    private long _openGaps = -1;

    public HistoryMetrics(IMeterFactory meters)
    {
        Meter = meters.Create(MeterName);
        WebhookDeliveries = Meter.CreateCounter<long>("webhook.deliveries", "{delivery}",
            "Webhook deliveries answered, by outcome (stored, duplicate, rejected, refused, unavailable, test) and HTTP status.");
        AcknowledgementDuration = Meter.CreateHistogram("webhook.acknowledgement.duration", "s",
            "From a webhook delivery's arrival to its answer (after the commit for a stored one), by outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        EventsStored = Meter.CreateCounter<long>("events.stored", "{event}", "Events committed to the history store, by origin (WEBHOOK, BACKFILL, VERSION_REPAIR).");
        GroupSize = Meter.CreateHistogram<int>("writer.group.size", "{event}", "Events committed per write transaction.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = GroupSizeBuckets });
        CommitDuration = Meter.CreateHistogram("writer.commit.duration", "s", "Time to write and commit one group of deliveries, retries included.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        Meter.CreateObservableGauge("writer.queue.depth", () => _writerQueue?.Invoke() ?? [], "{delivery}",
            "Deliveries waiting for the writer, by lane (small, large).");
        Meter.CreateObservableGauge("feed.lag", ObserveFeedLag, "s",
            "Now minus the OpenMetadata timestamp of the newest event this instance's live feed has read.");
        Meter.CreateObservableGauge("feed.sequence", () => _feedSequence is { } read ? [new Measurement<long>(read())] : Array.Empty<Measurement<long>>(), "{event}",
            "The sequence of the newest event this instance's live feed has read.");

        GraphQLOperations = Meter.CreateCounter<long>("graphql.operations", "{operation}",
            "GraphQL operations run, by operation (a trusted document's name, else anonymous), type and error code (none when it succeeded).");
        GraphQLDuration = Meter.CreateHistogram("graphql.operation.duration", "s",
            "GraphQL operation time, from the request's document to its result (a subscription: until its stream is in place).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        GraphQLCost = Meter.CreateHistogram("graphql.operation.cost", "{field}", "The field cost the analysis found for each operation.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = CostBuckets });
        Meter.CreateObservableGauge("live.connections", () => _live?.Invoke() ?? [], "{connection}",
            "Open live connections, by transport (graphql-transport-ws, graphql-ws, sse).");
        Meter.CreateObservableGauge("live.subscriptions", () => _subscriptions?.Invoke() ?? [], "{subscription}",
            "Running subscriptions, by transport.");

        Meter.CreateObservableGauge("notification.queue.depth", () => ObserveLast(_notificationBacklog), "{message}",
            "Notification messages waiting to be sent (pending or awaiting a retry), as last counted.");
        NotificationAttempts = Meter.CreateCounter<long>("notification.attempts", "{attempt}",
            "Notification sends, by target kind and outcome (delivered, retrying, failed).");
        NotificationDuration = Meter.CreateHistogram("notification.attempt.duration", "s", "Time of one notification send, by target kind.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });

        ReconciledWindows = Meter.CreateCounter<long>("reconciliation.windows", "{window}",
            "Windows checked against OpenMetadata, by outcome (complete, missing, silent, failed).");
        RecoveredEvents = Meter.CreateCounter<long>("reconciliation.recovered", "{item}",
            "What reconciliation found missing and stored, by kind (event, version).");
        Meter.CreateObservableGauge("completeness.gaps", () => ObserveLast(_openGaps), "{gap}",
            "Version gaps known and not recovered, as last counted by reconciliation.");
        PurgeRuns = Meter.CreateCounter<long>("purge.runs", "{run}", "Purge runs, by outcome (completed, failed).");
        PurgedEvents = Meter.CreateCounter<long>("purge.events", "{event}", "Events removed by purges.");
        BackfillRuns = Meter.CreateCounter<long>("backfill.runs", "{run}", "Backfill runs, by outcome (completed, failed).");
        CheckpointsMade = Meter.CreateCounter<long>("log.checkpoints", "{checkpoint}", "Checkpoints of the transparency log signed by this instance.");

        Meter.CreateObservableGauge("store.available", () => _storeAvailable is { } up ? [new Measurement<int>(up() ? 1 : 0)] : Array.Empty<Measurement<int>>(), "1",
            "1 while the history store answered this instance's last check, else 0.");
        Meter.CreateObservableGauge("ready", () => _ready is { } ready ? [new Measurement<int>(ready() ? 1 : 0)] : Array.Empty<Measurement<int>>(), "1",
            "1 while this instance is ready for traffic (/health/ready answers 200), else 0.");
    }

    public Meter Meter { get; }

    public Counter<long> WebhookDeliveries { get; }
    public Histogram<double> AcknowledgementDuration { get; }
    public Counter<long> EventsStored { get; }
    public Histogram<int> GroupSize { get; }
    public Histogram<double> CommitDuration { get; }
    public Counter<long> GraphQLOperations { get; }
    public Histogram<double> GraphQLDuration { get; }
    public Histogram<double> GraphQLCost { get; }
    public Counter<long> NotificationAttempts { get; }
    public Histogram<double> NotificationDuration { get; }
    public Counter<long> ReconciledWindows { get; }
    public Counter<long> RecoveredEvents { get; }
    public Counter<long> PurgeRuns { get; }
    public Counter<long> PurgedEvents { get; }
    public Counter<long> BackfillRuns { get; }
    public Counter<long> CheckpointsMade { get; }

    public void ObserveWriterQueue(Func<int> small, Func<int> large) =>
        _writerQueue = () => [new Measurement<int>(small(), new KeyValuePair<string, object?>("lane", "small")), new Measurement<int>(large(), new KeyValuePair<string, object?>("lane", "large"))];

    /// transports: each transport's open connections and running subscriptions.
    public void ObserveLive(Func<IReadOnlyList<(string Transport, int Connections, int Subscriptions)>> transports)
    {
        _live = () => transports().Select(t => new Measurement<int>(t.Connections, new KeyValuePair<string, object?>("transport", t.Transport)));
        _subscriptions = () => transports().Select(t => new Measurement<int>(t.Subscriptions, new KeyValuePair<string, object?>("transport", t.Transport)));
    }

    public void ObserveFeed(Func<long> sequence, Func<DateTime?> newestEventTimestamp) => (_feedSequence, _newestEvent) = (sequence, newestEventTimestamp);

    public void ObserveStore(Func<bool> available, Func<bool> ready) => (_storeAvailable, _ready) = (available, ready);

    public void RecordNotificationBacklog(long messages) => Interlocked.Exchange(ref _notificationBacklog, messages);

    public void RecordOpenGaps(long gaps) => Interlocked.Exchange(ref _openGaps, gaps);

    private IEnumerable<Measurement<double>> ObserveFeedLag()
    {
        if (_newestEvent?.Invoke() is not { } newest)
            return [];
        return [new Measurement<double>(Math.Max(0, (DateTime.UtcNow - newest).TotalSeconds))];
    }

    private static IEnumerable<Measurement<long>> ObserveLast(long value) => value < 0 ? [] : [new Measurement<long>(value)];

    /// Counters that alerts and rates read start at 0 for their usual tags, so that the first
    /// failure is an increase from 0 rather than a series that appears from nowhere. Called once
    /// the exporters listen: a measurement made before that reaches none of them.
    public void PublishZeroes()
    {
        foreach (var (outcome, status) in new[] { ("stored", 200), ("duplicate", 200), ("rejected", 400), ("refused", 401), ("unavailable", 503) })
            WebhookDeliveries.Add(0, Tag("outcome", outcome), Tag("status", status));
        EventsStored.Add(0, Tag("origin", "WEBHOOK"));
        foreach (var outcome in new[] { "delivered", "retrying", "failed" })
            NotificationAttempts.Add(0, Tag("kind", "WEBHOOK"), Tag("outcome", outcome));
        foreach (var outcome in new[] { "complete", "missing", "silent", "failed" })
            ReconciledWindows.Add(0, Tag("outcome", outcome));
        foreach (var kind in new[] { "event", "version" })
            RecoveredEvents.Add(0, Tag("kind", kind));
        foreach (var outcome in new[] { "completed", "failed" })
        {
            PurgeRuns.Add(0, Tag("outcome", outcome));
            BackfillRuns.Add(0, Tag("outcome", outcome));
        }
        PurgedEvents.Add(0);
        CheckpointsMade.Add(0);
        GraphQLOperations.Add(0, Tag("operation", "anonymous"), Tag("type", "query"), Tag("error", "none"));
    }

    public static KeyValuePair<string, object?> Tag(string name, object? value) => new(name, value);
}
