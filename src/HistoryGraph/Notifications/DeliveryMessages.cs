using System.Collections.Concurrent;
using HistoryGraph.Ingestion.Notifications;
using HistoryGraph.Ingestion.Payloads;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Live;
using HistoryGraph.Notifications.Messages;
using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.Notifications;

/// The message a delivery sends, made when it is sent (a retry hours later reads the store):
/// an event's notice, a digest of its period, or a test message. Null when its event is gone.
/// An event notified to many targets is read and made once: from the live feed while it is in
/// memory (else one store read for a batch), and its notice kept for the other targets.
public sealed class DeliveryMessages(ChangeFeed feed, PayloadCodec codec, AssetLinks links, DigestReports digests)
{
    /// Notices kept for the targets still to send them: the latest made, by sequence.
    private const int KeptNotices = 2048;
    private readonly ConcurrentDictionary<long, MessageDocument> _notices = new();

    /// The messages of a target's deliveries, by delivery.
    public async Task<Dictionary<long, MessageDocument?>> BuildAsync(HistoryDbContext db, IReadOnlyList<NotificationDelivery> deliveries, NotificationTarget target, CancellationToken cancellationToken)
    {
        var notices = await NoticesAsync(db, deliveries.Where(d => d.Kind == DeliveryKind.Event).Select(d => d.EventSequence).OfType<long>().ToList(), cancellationToken);
        var documents = new Dictionary<long, MessageDocument?>();
        foreach (var delivery in deliveries)
        {
            documents[delivery.Id] = delivery.Kind == DeliveryKind.Event
                ? delivery.EventSequence is { } sequence ? notices.GetValueOrDefault(sequence) : null
                : await BuildAsync(db, delivery, target, cancellationToken);
        }
        return documents;
    }

    public async Task<MessageDocument?> BuildAsync(HistoryDbContext db, NotificationDelivery delivery, NotificationTarget target, CancellationToken cancellationToken) => delivery switch
    {
        { Kind: DeliveryKind.Event, EventSequence: { } sequence } => (await NoticesAsync(db, [sequence], cancellationToken)).GetValueOrDefault(sequence),
        { Kind: DeliveryKind.Digest, PeriodStart: { } start, PeriodEnd: { } end } => await digests.BuildAsync(db, target, delivery.DigestPeriod ?? DigestPeriod.Custom, start, end, cancellationToken),
        { Kind: DeliveryKind.Test } => TestNotice.Build(target.Name, delivery.RequestedBy, delivery.CreatedAt, links),
        { Kind: DeliveryKind.Checkpoint, CheckpointId: { } id } => await db.LogCheckpoints.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken) is { } checkpoint
            ? CheckpointNotice.Build(checkpoint)
            : null,
        _ => null,
    };

    private async Task<Dictionary<long, MessageDocument>> NoticesAsync(HistoryDbContext db, List<long> sequences, CancellationToken cancellationToken)
    {
        var notices = new Dictionary<long, MessageDocument>();
        var missing = new List<long>();
        var read = new List<LiveEvent>(1);
        foreach (var sequence in sequences)
        {
            if (_notices.TryGetValue(sequence, out var kept))
            {
                notices[sequence] = kept;
                continue;
            }
            read.Clear();
            if (feed.Read(sequence - 1, 1, read) == FeedRead.Read && read[0].Sequence == sequence)
                notices[sequence] = Keep(EventNotice.Build(read[0], codec, links), sequence);
            else
                missing.Add(sequence);
        }
        if (missing.Count > 0)
        {
            foreach (var live in await LiveEventReader.ReadAsync(db, db.ChangeEvents.Where(e => missing.Contains(e.Sequence)), cancellationToken))
                notices[live.Sequence] = Keep(EventNotice.Build(live, codec, links), live.Sequence);
        }
        return notices;
    }

    private MessageDocument Keep(MessageDocument notice, long sequence)
    {
        _notices[sequence] = notice;
        if (_notices.Count > KeptNotices)
        {
            // The oldest leave first: targets send in sequence order, so they are the least likely to be asked for again.
            foreach (var old in _notices.Keys.Order().Take(_notices.Count - KeptNotices / 2).ToList())
                _notices.TryRemove(old, out _);
        }
        return notice;
    }
}
