using System.Diagnostics;
using System.Threading.Channels;
using HistoryGraph.Ingestion.OpenMetadata;
using HistoryGraph.Ingestion.Payloads;
using HistoryGraph.Ingestion.Resilience;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Ingestion.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace HistoryGraph.Ingestion.Writing;

/// The single writer of an instance. Deliveries queue in bounded channels; the writer takes
/// whatever has queued up and commits it as one group (one transaction, one fsync), then
/// completes each delivery's task. A request is answered only after its group committed.
///
/// Large deliveries (a big body, or more events than a group holds) wait in a lane of their
/// own, and the writer takes one of them only when no small delivery is waiting; a large
/// batch is written in groups of MaxGroupEvents, taken one at a time in the same way. So a
/// steady sender waits behind at most one bounded piece of someone else's large delivery,
/// never behind all of it (or a queue of them).
public sealed class HistoryWriter(
    [FromKeyedServices(WriterConnections.Key)] IDbContextFactory<HistoryDbContext> contexts,
    StoreReadiness readiness,
    CommitSignal commitSignal,
    PayloadCodec codec,
    HistoryMetrics metrics,
    IOptions<IngestionOptions> options,
    ILogger<HistoryWriter> logger) : BackgroundService
{
    private readonly IngestionOptions _options = options.Value;
    private readonly ResiliencePipeline _storeRetry = Retries.Create(logger, "Writing to the history store", TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(1),
        handles: StorageFailure.IsUnavailable);
    private readonly Channel<PendingWrite> _small = Channel.CreateBounded<PendingWrite>(
        new BoundedChannelOptions(options.Value.QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    // Few at a time: what a large delivery holds in memory is bounded by this times the body limit.
    private readonly Channel<PendingWrite> _large = Channel.CreateBounded<PendingWrite>(
        new BoundedChannelOptions(Math.Max(1, options.Value.LargeQueueCapacity)) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    /// Stores the delivery, or throws StoreUnavailableException when the database stayed
    /// unreachable (nothing of it was written, or, for a large batch, some of it: sending it
    /// again is harmless either way, since every event is stored once).
    public async Task<DeliveryOutcome> WriteAsync(IncomingDelivery delivery, CancellationToken cancellationToken)
    {
        // Until the schema is migrated there is nothing to write to: wait a little, then 503.
        await readiness.WaitAsync(TimeSpan.FromSeconds(_options.UnavailableRetrySeconds), cancellationToken);
        if (!IsLarge(delivery))
            return await EnqueueAsync(_small, delivery, cancellationToken);

        var parts = Split(delivery);
        var pending = new List<Task<DeliveryOutcome>>(parts.Count);
        foreach (var part in parts)
            pending.Add(EnqueueAsync(_large, part, cancellationToken));
        var outcomes = await Task.WhenAll(pending);
        return new DeliveryOutcome(
            outcomes.Sum(o => o.Stored), outcomes.Sum(o => o.Duplicates),
            outcomes.SelectMany(o => o.Sequences).ToList(), outcomes.SelectMany(o => o.RejectedIds).Distinct().ToList(),
            outcomes.SelectMany(o => o.RejectedReasons).Distinct().ToList());
    }

    private bool IsLarge(IncomingDelivery delivery) =>
        delivery.Body.Length >= _options.LargeDeliveryBytes || delivery.Size > _options.MaxGroupEvents;

    /// A large batch in pieces of at most MaxGroupEvents events and MaxGroupBytes of event text
    /// (one event may exceed it alone), each committed on its own; the rejected items go with
    /// the last. A replay stays whole: it marks its row once.
    private List<IncomingDelivery> Split(IncomingDelivery delivery)
    {
        if (delivery.ReplayOf is not null || delivery.Events.Count <= 1)
            return [delivery];
        var parts = new List<IncomingDelivery>();
        var piece = new List<ChangeEventMessage>();
        long bytes = 0;
        foreach (var message in delivery.Events)
        {
            if (piece.Count > 0 && (piece.Count >= _options.MaxGroupEvents || bytes + message.RawLength > _options.MaxGroupBytes))
            {
                parts.Add(delivery with { Events = piece, Rejected = [] });
                piece = [];
                bytes = 0;
            }
            piece.Add(message);
            bytes += message.RawLength;
        }
        parts.Add(delivery with { Events = piece, Rejected = delivery.Rejected });
        return parts;
    }

    private static async Task<DeliveryOutcome> EnqueueAsync(Channel<PendingWrite> lane, IncomingDelivery delivery, CancellationToken cancellationToken)
    {
        var pending = new PendingWrite(delivery, Activity.Current?.Context ?? default);
        try
        {
            await lane.Writer.WriteAsync(pending, cancellationToken);
        }
        catch (ChannelClosedException)
        {
            throw new StoreUnavailableException("The server is shutting down.");
        }
        return await pending.Completion.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        metrics.ObserveWriterQueue(() => _small.Reader.Count, () => _large.Reader.Count);
        // Not tied to stoppingToken: on shutdown the queues are completed and drained, so that
        // every delivery already accepted is written before the process exits.
        var group = new List<PendingWrite>();
        // One outstanding wait per lane, kept until it completes: asking again on every idle
        // turn would pile up waiters on a lane that stays quiet.
        Task<bool>? smallWait = null, largeWait = null;
        bool smallOpen = true, largeOpen = true;
        while (true)
        {
            group.Clear();
            long events = 0, bytes = 0;
            while (events < _options.MaxGroupEvents && bytes < _options.MaxGroupBytes && _small.Reader.TryRead(out var pending))
            {
                group.Add(pending);
                events += Math.Max(1, pending.Delivery.Size);
                bytes += pending.Delivery.Body.Length;
            }
            if (group.Count == 0 && _large.Reader.TryRead(out var large))
                group.Add(large);
            if (group.Count > 0)
            {
                await WriteGroupAsync(group);
                continue;
            }
            if (!smallOpen && !largeOpen)
                return; // both lanes completed and drained
            if (smallOpen)
                smallWait ??= _small.Reader.WaitToReadAsync(CancellationToken.None).AsTask();
            if (largeOpen)
                largeWait ??= _large.Reader.WaitToReadAsync(CancellationToken.None).AsTask();
            await Task.WhenAny(new[] { smallWait, largeWait }.OfType<Task<bool>>());
            if (smallWait is { IsCompleted: true })
                (smallOpen, smallWait) = (smallWait.Result, null);
            if (largeWait is { IsCompleted: true })
                (largeOpen, largeWait) = (largeWait.Result, null);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _small.Writer.TryComplete();
        _large.Writer.TryComplete();
        if (ExecuteTask is not null)
            await ExecuteTask.WaitAsync(cancellationToken);
    }

    private async Task WriteGroupAsync(List<PendingWrite> group)
    {
        // One span per commit, linked to the deliveries it wrote: each delivery's trace shows
        // the commit that answered it, and the commit's statements are its children.
        using var activity = HistoryTracing.Source.StartActivity("history.commit", ActivityKind.Internal, parentContext: default,
            links: group.Where(p => p.Sender != default).Select(p => new ActivityLink(p.Sender)));
        try
        {
            var started = Stopwatch.GetTimestamp();
            var outcomes = await WithRetryAsync(group.Select(p => p.Delivery).ToList());
            var elapsed = Stopwatch.GetElapsedTime(started);
            logger.LogDebug("Committed a group of {Deliveries} deliveries in {Ms:0.00} ms", group.Count, elapsed.TotalMilliseconds);
            Record(group, outcomes, elapsed, activity);
            for (var i = 0; i < group.Count; i++)
                group[i].Completion.TrySetResult(outcomes[i]);
        }
        catch (StoreUnavailableException ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            foreach (var pending in group)
                pending.Completion.TrySetException(ex);
        }
        catch (Exception ex) when (group.Count > 1)
        {
            // One delivery's data was refused by the database; find it by writing each alone.
            logger.LogWarning(ex, "A group of {Count} deliveries failed; writing them one by one", group.Count);
            foreach (var pending in group)
                await WriteGroupAsync([pending]);
        }
        catch (Exception ex)
        {
            await KeepAsRejectedAsync(group[0], ex);
        }
    }

    private void Record(List<PendingWrite> group, IReadOnlyList<DeliveryOutcome> outcomes, TimeSpan elapsed, Activity? activity)
    {
        var events = 0;
        for (var i = 0; i < group.Count; i++)
        {
            events += group[i].Delivery.Events.Count;
            if (outcomes[i].Stored > 0)
                metrics.EventsStored.Add(outcomes[i].Stored, HistoryMetrics.Tag("origin", OriginTag(group[i].Delivery.Origin)));
        }
        metrics.GroupSize.Record(events);
        metrics.CommitDuration.Record(elapsed.TotalSeconds);
        activity?.SetTag("historygraph.deliveries", group.Count);
        activity?.SetTag("historygraph.events", events);
    }

    private static string OriginTag(EventOrigin origin) => origin switch
    {
        EventOrigin.Backfill => "BACKFILL",
        EventOrigin.VersionRepair => "VERSION_REPAIR",
        _ => "WEBHOOK",
    };

    // The database refused the data itself (not the connection): the delivery is still kept,
    // verbatim, as a rejected delivery that `replay-rejected` can try again after a fix.
    private async Task KeepAsRejectedAsync(PendingWrite pending, Exception error)
    {
        logger.LogError(error, "The database refused a delivery; keeping it as rejected");
        var reason = $"The database refused the delivery: {error.GetBaseException().Message}";
        var delivery = pending.Delivery;
        var fallback = delivery with { Events = [], Rejected = [new RejectedPart(null, delivery.Body.ToArray(), reason)] };
        if (delivery.ReplayOf is not null)
        {
            pending.Completion.TrySetException(new InvalidOperationException(reason, error));
            return;
        }
        try
        {
            var outcomes = await WithRetryAsync([fallback]);
            pending.Completion.TrySetResult(outcomes[0]);
        }
        catch (Exception ex)
        {
            pending.Completion.TrySetException(ex as StoreUnavailableException ?? new StoreUnavailableException(reason, ex));
        }
    }

    private async Task<IReadOnlyList<DeliveryOutcome>> WithRetryAsync(IReadOnlyList<IncomingDelivery> deliveries)
    {
        try
        {
            // Not cancelled: the delivery's sender is answered only once the write is done.
            return await _storeRetry.ExecuteWithinAsync(TimeSpan.FromSeconds(_options.UnavailableRetrySeconds), TimeProvider.System, async _ =>
            {
                await using var db = await contexts.CreateDbContextAsync();
                var writer = new DeliveryGroupWriter(db, _options, commitSignal, codec);
                var outcomes = await writer.WriteAsync(deliveries, CancellationToken.None);
                if (writer.Committed is { } group)
                    commitSignal.Raise(group);
                return outcomes;
            }, CancellationToken.None);
        }
        catch (Exception ex) when (StorageFailure.IsUnavailable(ex))
        {
            throw new StoreUnavailableException("The history database is unreachable.", ex);
        }
    }

    /// Sender: the trace context of the request that queued the delivery.
    private sealed record PendingWrite(IncomingDelivery Delivery, ActivityContext Sender)
    {
        public TaskCompletionSource<DeliveryOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
