using GraphQL.Types;
using HistoryGraph.Schema.Retention;
using HistoryGraph.Transparency;

namespace HistoryGraph.Schema.Transparency;

public sealed class VerificationReportGraphType : ObjectGraphType<VerificationReport>
{
    public VerificationReportGraphType()
    {
        Name = "VerificationReport";
        Description = "What `verifyHistory` checked: the range's events against their leaves, the whole tree against its leaves, every checkpoint against the tree, and the versions and entities the range's events made.";
        Field<NonNullGraphType<BooleanGraphType>>("verified").Description("Nothing was found wrong.").Resolve(c => c.Source.Verified);
        Field<NonNullGraphType<LongGraphType>>("fromSequence").Description("The range's first sequence.").Resolve(c => c.Source.FromSequence);
        Field<NonNullGraphType<LongGraphType>>("toSequence").Description("The range's last sequence.").Resolve(c => c.Source.ToSequence);
        Field<NonNullGraphType<LongGraphType>>("treeSize").Description("How many events the tree holds.").Resolve(c => c.Source.TreeSize);
        Field<NonNullGraphType<StringGraphType>>("rootHash").Description("The tree's root, base64.").Resolve(c => Convert.ToBase64String(c.Source.RootHash));
        Field<NonNullGraphType<LongGraphType>>("eventsChecked").Description("Events of the range recomputed and compared with their leaves.").Resolve(c => c.Source.EventsChecked);
        Field<NonNullGraphType<LongGraphType>>("eventsRedacted").Description("Sequences of the range that retention purged: redacted, their leaves still proved by the tree.").Resolve(c => c.Source.EventsRedacted);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PurgedRangeGraphType>>>>("redactedRanges").Description("The purged ranges that overlap the range, with their purge runs.").Resolve(c => c.Source.RedactedRanges);
        Field<NonNullGraphType<LongGraphType>>("versionsChecked").Description("Entity versions made by the range's events, checked against them.").Resolve(c => c.Source.VersionsChecked);
        Field<NonNullGraphType<LongGraphType>>("entitiesChecked").Description("Entities whose current state or snapshot came from the range, checked against the event and snapshot.").Resolve(c => c.Source.EntitiesChecked);
        Field<NonNullGraphType<IntGraphType>>("checkpointsChecked").Description("Checkpoints checked against the tree (stored and given).").Resolve(c => c.Source.CheckpointsChecked);
        Field<LongGraphType>("firstBadSequence").Description("The lowest sequence with a problem.").Resolve(c => c.Source.FirstBadSequence);
        Field<NonNullGraphType<LongGraphType>>("problemCount").Description("How many problems were found.").Resolve(c => c.Source.ProblemCount);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<VerificationProblemGraphType>>>>("problems")
            .Description($"The problems, in the order found (at most {VerificationReport.MaxProblems}).").Resolve(c => c.Source.Problems);
    }
}
