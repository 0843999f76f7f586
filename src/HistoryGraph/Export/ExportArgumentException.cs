namespace HistoryGraph.Export;

/// An export parameter that cannot be taken; the message says which and why.
public sealed class ExportArgumentException(string message) : Exception(message);
