namespace HistoryGraph.Ingestion.OpenMetadata;

/// What one webhook body turned out to be. Rejected parts are kept verbatim for replay.
public sealed record ParsedDelivery(
    DeliveryKind Kind,
    IReadOnlyList<ChangeEventMessage> Events,
    IReadOnlyList<RejectedPart> Rejected,
    string? TestMessage = null)
{
    public static ParsedDelivery Unreadable(ReadOnlyMemory<byte> body, string reason) =>
        new(DeliveryKind.Unreadable, [], [new RejectedPart(null, body.ToArray(), reason)]);
}
