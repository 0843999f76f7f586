using GraphQL.Types;
using HistoryGraph.Schema.Events;
using HistoryGraph.Transparency;

namespace HistoryGraph.Schema.Transparency;

public sealed class EventProofGraphType : ObjectGraphType<EventProof>
{
    public EventProofGraphType()
    {
        Name = "EventProof";
        Description = "Proof that an event is in the transparency log (RFC 6962 inclusion proof). Hashes are base64. " +
            "The leaf is SHA-256(0x00 || leafData); folding `hashes` into it by the leaf's index (`sequence` - 1) gives `rootHash`, which `checkpoint` signs.";
        Field<NonNullGraphType<LongGraphType>>("sequence").Description("The event's sequence; its leaf's index is this minus 1.").Resolve(c => c.Source.Sequence);
        Field<NonNullGraphType<LongGraphType>>("treeSize").Description("The size of the tree the proof is for.").Resolve(c => c.Source.TreeSize);
        Field<NonNullGraphType<StringGraphType>>("leafHash").Description("The leaf hash the tree holds for the event.").Resolve(c => Convert.ToBase64String(c.Source.LeafHash));
        Field<StringGraphType>("leafData")
            .Description("What the leaf hashes, made from the event as stored: length-prefixed fields (version 1, the sequence, the time received in microseconds, the SHA-256 of the event's bytes as received, the SHA-256 of its rows). Null when the event was redacted.")
            .Resolve(c => c.Source.LeafData is { } data ? Convert.ToBase64String(data) : null);
        Field<NonNullGraphType<BooleanGraphType>>("redacted").Description("Retention purged the event: its leaf stays in the tree, its rows are gone.").Resolve(c => c.Source.Redacted);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("hashes").Description("The inclusion proof, from the leaf's sibling up.")
            .Resolve(c => c.Source.Hashes.Select(Convert.ToBase64String).ToList());
        Field<NonNullGraphType<StringGraphType>>("rootHash").Description("The root of the tree of `treeSize` events.").Resolve(c => Convert.ToBase64String(c.Source.RootHash));
        Field<CheckpointGraphType>("checkpoint").Description("The signed checkpoint of that tree size, if one was made.").Resolve(c => c.Source.Checkpoint);
        Field<ChangeEventGraphType>("event").Description("The event; null when redacted.")
            .Resolve(c => c.Source.Redacted ? null : c.Loaders().Events.Load(c.Source.Sequence));
    }
}
