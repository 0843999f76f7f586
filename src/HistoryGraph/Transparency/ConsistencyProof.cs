using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Transparency;

/// A consistency proof that the tree of ToSize leaves extends the tree of FromSize (RFC 6962
/// PROOF), with both roots and the checkpoints of those sizes, when there are some.
public sealed record ConsistencyProof(
    long FromSize,
    long ToSize,
    byte[] FromRoot,
    byte[] ToRoot,
    IReadOnlyList<byte[]> Hashes,
    LogCheckpoint? FromCheckpoint,
    LogCheckpoint? ToCheckpoint);
