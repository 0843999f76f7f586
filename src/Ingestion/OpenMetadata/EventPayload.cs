using System.Text.Json;

namespace HistoryGraph.Ingestion.OpenMetadata;

/// Reads what the store keeps only once, inside the raw event: an entity snapshot is the
/// `entity` of the event that carried it (a JSON string or an object, as the event was sent).
public static class EventPayload
{
    /// The snapshot the stored event (its JSON, unpacked) carried, exactly as the writer read
    /// it; null when it had none. Not checked again: nothing is stored that the writer could
    /// not read.
    public static string? Snapshot(byte[] eventJson)
    {
        using var document = JsonDocument.Parse(eventJson);
        return JsonValues.Property(document.RootElement, "entity") is { } entity ? JsonValues.EmbeddedText(entity) : null;
    }
}
