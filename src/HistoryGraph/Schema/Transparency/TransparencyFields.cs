using GraphQL;
using GraphQL.Types;
using HistoryGraph.Access;
using HistoryGraph.Conventions.Paging;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Transparency;

namespace HistoryGraph.Schema.Transparency;

/// The transparency log's fields on Query: its checkpoints, proofs, and (admins) verification.
public static class TransparencyFields
{
    public static void AddTransparency(this ObjectGraphType query)
    {
        query.Field<CheckpointGraphType>("checkpoint")
            .Description("The newest signed checkpoint of the transparency log over every stored event (also at GET /checkpoint); null before the first.")
            .ResolveAsync(async context => await context.RequestServices!.GetRequiredService<Checkpoints>().LatestAsync(context.CancellationToken));
        query.Connection(
            "checkpoints", "The signed checkpoints of the transparency log, largest tree first unless `order` says otherwise.", CheckpointQueryable.Declaration, db => db.LogCheckpoints);
        query.Field<NonNullGraphType<EventProofGraphType>>("eventProof")
            .Description("Proof that an event is in the transparency log: its leaf and the RFC 6962 inclusion proof into the tree of `treeSize` events, with that tree's signed checkpoint.")
            .Argument<NonNullGraphType<LongGraphType>>("sequence", "The event's sequence.")
            .Argument<LongGraphType>("treeSize", "The tree to prove it in; default: the newest checkpoint's.")
            .ResolveAsync(async context =>
            {
                try
                {
                    return await context.RequestServices!.GetRequiredService<Proofs>()
                        .EventAsync(context.GetArgument<long>("sequence"), context.GetArgument<long?>("treeSize"), context.CancellationToken);
                }
                catch (ProofArgumentException ex)
                {
                    throw new ExecutionError(ex.Message) { Code = "INVALID_ARGUMENT" };
                }
            });
        query.Field<NonNullGraphType<ConsistencyProofGraphType>>("consistencyProof")
            .Description("Proof that the log of `toSize` events extends the log of `fromSize` events unchanged (RFC 6962).")
            .Argument<NonNullGraphType<LongGraphType>>("fromSize", "The earlier tree's size, as a checkpoint held from earlier says.")
            .Argument<LongGraphType>("toSize", "The later tree's size; default: the newest checkpoint's.")
            .ResolveAsync(async context =>
            {
                try
                {
                    return await context.RequestServices!.GetRequiredService<Proofs>()
                        .ConsistencyAsync(context.GetArgument<long>("fromSize"), context.GetArgument<long?>("toSize"), context.CancellationToken);
                }
                catch (ProofArgumentException ex)
                {
                    throw new ExecutionError(ex.Message) { Code = "INVALID_ARGUMENT" };
                }
            });
        query.Field<NonNullGraphType<VerificationReportGraphType>>("verifyHistory")
            .Description("Admin: checks the stored history against its transparency log: every event of the range recomputed from its bytes and rows and compared with its leaf, " +
                "the tree rebuilt from its leaves, every checkpoint (and those given) checked against it, and the versions and entities the range's events made. Names the first bad sequence and what differs.")
            .Argument<LongGraphType>("fromSequence", "The range's first sequence; default 1.")
            .Argument<LongGraphType>("toSequence", "The range's last sequence; default: the last stored.")
            .Argument<ListGraphType<NonNullGraphType<StringGraphType>>>("checkpoints", "Checkpoints held elsewhere (signed notes, as GET /checkpoint gave them), checked too.")
            .ResolveAsync(async context =>
            {
                AccessControl.Require(context.UserContext, AccessRole.Admin);
                var (from, to) = (context.GetArgument<long?>("fromSequence"), context.GetArgument<long?>("toSequence"));
                if (from is < 1 || (from is { } f && to is { } t && f > t))
                    throw new ExecutionError("`fromSequence` must be at least 1 and at most `toSequence`.") { Code = "INVALID_ARGUMENT" };
                var given = context.GetArgument<List<string>?>("checkpoints") ?? [];
                return await context.RequestServices!.GetRequiredService<HistoryVerifier>().VerifyAsync(from, to, given, context.CancellationToken);
            });
    }
}
