using GraphQL.Types;
using HistoryGraph.Transparency;

namespace HistoryGraph.Schema.Transparency;

public sealed class VerificationProblemKindGraphType : EnumerationGraphType<VerificationProblemKind>
{
    public VerificationProblemKindGraphType()
    {
        Name = "VerificationProblemKind";
        Description = "What `verifyHistory` found wrong.";
        Values["LEAF_MISMATCH"]!.Description = "A stored event, recomputed from its bytes and rows, is not the leaf the tree holds: it was changed after it was logged.";
        Values["MISSING_EVENT"]!.Description = "The tree holds a leaf for the sequence but its event is gone, and no purge removed it.";
        Values["EVENT_NOT_IN_LOG"]!.Description = "An event is stored that the tree never logged (inserted), or the tree is behind the events.";
        Values["TILE_MISMATCH"]!.Description = "A stored tile of the tree is not made of the leaves below it, or tiles are missing.";
        Values["TREE_MISMATCH"]!.Description = "The tree's stored size or right edge is not the one its leaves make.";
        Values["CHECKPOINT_MISMATCH"]!.Description = "A signed checkpoint's root is not the tree's root at its size: history before it was rewritten.";
        Values["CHECKPOINT_BEYOND_TREE"]!.Description = "A signed checkpoint is of a larger tree than the store holds: the log was rolled back.";
        Values["CHECKPOINT_UNTRUSTED"]!.Description = "A checkpoint is not signed by a trusted key, is of another log, or does not read.";
        Values["VERSION_MISMATCH"]!.Description = "An entity version does not agree with the event it points at.";
        Values["ENTITY_MISMATCH"]!.Description = "An entity's current state does not agree with the event it came from or the snapshot it shows (name, description, owners, tags, ...).";
    }
}
