namespace HistoryGraph.Ingestion.Storage;

/// The store was made by a release whose migrations this one cannot continue from.
public sealed class StoreFromOtherReleaseException(string message) : InvalidOperationException(message);
