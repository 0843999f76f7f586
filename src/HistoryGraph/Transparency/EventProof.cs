using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Transparency;

/// An inclusion proof of one event's leaf in the tree of TreeSize leaves (RFC 6962 PATH, sibling
/// first). LeafData is what the leaf hashes (EventLeaf), null for a redacted event whose rows
/// are gone; Checkpoint is the signed checkpoint of that tree size, when there is one.
public sealed record EventProof(
    long Sequence,
    long TreeSize,
    byte[] LeafHash,
    byte[]? LeafData,
    bool Redacted,
    IReadOnlyList<byte[]> Hashes,
    byte[] RootHash,
    LogCheckpoint? Checkpoint);
