namespace HistoryGraph.Ingestion.OpenMetadataApi;

/// One answer of a collection's history endpoint (`GET /v1/<collection>/history`): the entity
/// versions changed in the range, each the entity's JSON as it was at that version, and the
/// cursor to the next page when there is one.
public sealed record OpenMetadataHistoryPage(IReadOnlyList<string> Versions, string? After);
