namespace HistoryGraph.Ingestion.OpenMetadataApi;

/// What OpenMetadata answered to a successful call: its status and body, kept as they came.
public sealed record OpenMetadataAnswer(int Status, string Body);
