using HistoryGraph.Ingestion.OpenMetadata;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Ingestion.Writing;

/// A parsed webhook body on its way into the store. Body is kept so that, should the
/// database refuse the data, the whole delivery can still be kept verbatim as rejected.
/// ReplayOf names the rejected delivery this one re-processes; Origin says where its events
/// came from (a webhook, a backfill or a version repair).
public sealed record IncomingDelivery(
    DateTime ReceivedAt,
    ReadOnlyMemory<byte> Body,
    IReadOnlyList<ChangeEventMessage> Events,
    IReadOnlyList<RejectedPart> Rejected,
    long? ReplayOf = null,
    EventOrigin Origin = EventOrigin.Webhook)
{
    public static IncomingDelivery From(ParsedDelivery parsed, ReadOnlyMemory<byte> body, DateTime receivedAt, long? replayOf = null) =>
        new(receivedAt, body, parsed.Events, parsed.Rejected, replayOf);

    public int Size => Events.Count + Rejected.Count;
}
