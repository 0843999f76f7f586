namespace HistoryGraph.Transparency;

/// A proof asked of sizes or sequences the tree does not have.
public sealed class ProofArgumentException(string message) : Exception(message);
