using System.Text.Json;
using HistoryGraph.Ingestion.Payloads;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Events;

/// One event in the original tracker's column names (event_id, entity_fqn, updated_by,
/// event_time, full_payload), plus what HistoryGraph adds (sequence, versions, received_at).
public sealed record EventSummary(
    string EventId,
    long Sequence,
    string EventType,
    string EntityType,
    Guid EntityId,
    string? EntityFqn,
    string? UpdatedBy,
    DateTime EventTime,
    DateTime ReceivedAt,
    decimal? PreviousVersion,
    decimal? CurrentVersion,
    JsonElement FullPayload)
{
    public static EventSummary From(ChangeEvent e, PayloadCodec codec)
    {
        using var payload = JsonDocument.Parse(codec.Unpack(e.Payload));
        return new EventSummary(e.EventKey, e.Sequence, e.EventType, e.EntityType, e.EntityId, e.EntityFqn, e.UserName,
            e.Timestamp, e.ReceivedAt, e.PreviousVersion, e.CurrentVersion, payload.RootElement.Clone());
    }
}
