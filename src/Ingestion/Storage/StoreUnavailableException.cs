namespace HistoryGraph.Ingestion.Storage;

/// The database could not be reached within the retry budget: nothing was written.
public sealed class StoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
