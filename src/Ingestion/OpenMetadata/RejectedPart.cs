namespace HistoryGraph.Ingestion.OpenMetadata;

/// A body (Index null) or one item of a batch (Index set) that could not be understood.
public sealed record RejectedPart(int? Index, byte[] Body, string Reason);
