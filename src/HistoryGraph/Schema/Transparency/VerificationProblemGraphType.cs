using GraphQL.Types;
using HistoryGraph.Transparency;

namespace HistoryGraph.Schema.Transparency;

public sealed class VerificationProblemGraphType : ObjectGraphType<VerificationProblem>
{
    public VerificationProblemGraphType()
    {
        Name = "VerificationProblem";
        Description = "One thing `verifyHistory` found wrong.";
        Field<NonNullGraphType<VerificationProblemKindGraphType>>("kind").Description("What is wrong.").Resolve(c => c.Source.Kind);
        Field<LongGraphType>("sequence").Description("The sequence concerned, when there is one.").Resolve(c => c.Source.Sequence);
        Field<NonNullGraphType<StringGraphType>>("detail").Description("What differs, in words.").Resolve(c => c.Source.Detail);
    }
}
