using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Transparency;

/// The stored columns of a bundled event that its rows hash covers.
public sealed record BundledRow(
    string EventKey, Guid? EventId, string EventType, string EntityType, Guid EntityId, string? EntityFqn, string? UserName, string? ImpersonatedBy,
    DateTime Timestamp, decimal? PreviousVersion, decimal? CurrentVersion, SemanticChange SemanticChange, EventOrigin Origin)
{
    public static BundledRow Of(ChangeEvent e) => new(e.EventKey, e.EventId, e.EventType, e.EntityType, e.EntityId, e.EntityFqn, e.UserName, e.ImpersonatedBy,
        e.Timestamp, e.PreviousVersion, e.CurrentVersion, e.SemanticChange, e.Origin);

    public ChangeEvent ToRow(long sequence, DateTime receivedAt) => new()
    {
        Sequence = sequence, EventKey = EventKey, EventId = EventId, EventType = EventType, EntityType = EntityType, EntityId = EntityId, EntityFqn = EntityFqn,
        UserName = UserName, ImpersonatedBy = ImpersonatedBy, Timestamp = Timestamp, ReceivedAt = receivedAt, PreviousVersion = PreviousVersion,
        CurrentVersion = CurrentVersion, SemanticChange = SemanticChange, Origin = Origin, Payload = [],
    };
}
