namespace HistoryGraph.Ingestion.OpenMetadata;

/// What one webhook body turned out to be. Rejected parts are kept verbatim for replay.
public sealed record ParsedDelivery(
    DeliveryShape Shape,
    IReadOnlyList<ChangeEventMessage> Events,
    IReadOnlyList<RejectedPart> Rejected,
    string? TestMessage = null)
{
    public static ParsedDelivery Unreadable(ReadOnlyMemory<byte> body, string reason) =>
        new(DeliveryShape.Unreadable, [], [new RejectedPart(null, body.ToArray(), reason)]);
}
