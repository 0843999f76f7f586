namespace HistoryGraph.Transparency;

/// What verifyHistory found wrong.
public enum VerificationProblemKind
{
    /// A stored event's leaf, recomputed from its bytes and rows, is not the one in the tree.
    LeafMismatch,
    /// A sequence in the tree has no event, and no purge removed it.
    MissingEvent,
    /// An event is stored beyond the tree, or the tree is behind the events.
    EventNotInLog,
    /// A stored tile is not made of the leaves below it, or tiles are missing.
    TileMismatch,
    /// The tree's stored right edge is not the one its leaves make.
    TreeMismatch,
    /// A checkpoint's root is not the tree's root at its size.
    CheckpointMismatch,
    /// A checkpoint is of a larger tree than the store holds: the log was rolled back.
    CheckpointBeyondTree,
    /// A checkpoint is not signed by a trusted key, is of another log, or does not read.
    CheckpointUntrusted,
    /// An entity version does not agree with the event it points at.
    VersionMismatch,
    /// An entity's current state does not agree with the event it came from or the snapshot it shows.
    EntityMismatch,
}
