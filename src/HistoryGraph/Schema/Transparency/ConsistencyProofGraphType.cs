using GraphQL.Types;
using HistoryGraph.Transparency;

namespace HistoryGraph.Schema.Transparency;

public sealed class ConsistencyProofGraphType : ObjectGraphType<ConsistencyProof>
{
    public ConsistencyProofGraphType()
    {
        Name = "ConsistencyProof";
        Description = "Proof that the log of `toSize` events extends the log of `fromSize` events unchanged (RFC 6962 consistency proof); hashes are base64. " +
            "A checkpoint held from earlier and a newer one, with this proof, show that nothing before the earlier one was rewritten.";
        Field<NonNullGraphType<LongGraphType>>("fromSize").Description("The earlier tree's size.").Resolve(c => c.Source.FromSize);
        Field<NonNullGraphType<LongGraphType>>("toSize").Description("The later tree's size.").Resolve(c => c.Source.ToSize);
        Field<NonNullGraphType<StringGraphType>>("fromRoot").Description("The earlier tree's root.").Resolve(c => Convert.ToBase64String(c.Source.FromRoot));
        Field<NonNullGraphType<StringGraphType>>("toRoot").Description("The later tree's root.").Resolve(c => Convert.ToBase64String(c.Source.ToRoot));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("hashes").Description("The proof's hashes, in RFC 6962's order.")
            .Resolve(c => c.Source.Hashes.Select(Convert.ToBase64String).ToList());
        Field<CheckpointGraphType>("fromCheckpoint").Description("The checkpoint of the earlier size, if one was made.").Resolve(c => c.Source.FromCheckpoint);
        Field<CheckpointGraphType>("toCheckpoint").Description("The checkpoint of the later size, if one was made.").Resolve(c => c.Source.ToCheckpoint);
    }
}
