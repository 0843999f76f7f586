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
