namespace HistoryGraph.Ingestion.OpenMetadataApi;

/// One answer of `GET /v1/events`: its body as OpenMetadata sent it (`{"data": [...], "paging": ...}`,
/// read by the same parser as a webhook batch, so that each event is kept byte for byte), and
/// the `paging.after` cursor when OpenMetadata gave one.
public sealed record OpenMetadataEventPage(byte[] Body, string? After);
