using HistoryGraph.Ingestion.Notifications;
using HistoryGraph.Ingestion.Payloads;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Live;
using HistoryGraph.Notifications.Messages;
using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.Notifications;

/// The message a delivery sends, made when it is sent (a retry hours later reads the store):
/// an event's notice, a digest of its period, or a test message. Null when its event is gone.
public sealed class DeliveryMessages(PayloadCodec codec, AssetLinks links, DigestReports digests)
{
    /// The messages of a target's deliveries, by delivery: the events of all of them read in one go.
    public async Task<Dictionary<long, MessageDocument?>> BuildAsync(HistoryDbContext db, IReadOnlyList<NotificationDelivery> deliveries, NotificationTarget target, CancellationToken cancellationToken)
    {
        var sequences = deliveries.Where(d => d.Kind == DeliveryKind.Event).Select(d => d.EventSequence).OfType<long>().ToList();
        var events = sequences.Count == 0 ? [] : (await LiveEventReader.ReadAsync(db, db.ChangeEvents.Where(e => sequences.Contains(e.Sequence)), cancellationToken)).ToDictionary(e => e.Sequence);
        var documents = new Dictionary<long, MessageDocument?>();
        foreach (var delivery in deliveries)
        {
            documents[delivery.Id] = delivery.Kind == DeliveryKind.Event
                ? delivery.EventSequence is { } sequence && events.TryGetValue(sequence, out var live) ? EventNotice.Build(live, codec, links) : null
                : await BuildAsync(db, delivery, target, cancellationToken);
        }
        return documents;
    }

    public async Task<MessageDocument?> BuildAsync(HistoryDbContext db, NotificationDelivery delivery, NotificationTarget target, CancellationToken cancellationToken)
    {
        switch (delivery.Kind)
        {
            case DeliveryKind.Event when delivery.EventSequence is { } sequence:
                var events = await LiveEventReader.ReadAsync(db, db.ChangeEvents.Where(e => e.Sequence == sequence), cancellationToken);
                return events.Count == 0 ? null : EventNotice.Build(events[0], codec, links);
            case DeliveryKind.Digest when delivery is { PeriodStart: { } start, PeriodEnd: { } end }:
                return await digests.BuildAsync(db, target, delivery.DigestPeriod ?? DigestPeriod.Custom, start, end, cancellationToken);
            case DeliveryKind.Test:
                return TestNotice.Build(target.Name, delivery.RequestedBy, delivery.CreatedAt, links);
            default:
                return null;
        }
    }
}
