using GraphQL.Types;
using HistoryGraph.Backfill;

namespace HistoryGraph.Schema.Backfill;

public sealed class VersionRepairReportGraphType : ObjectGraphType<VersionRepairReport>
{
    public VersionRepairReportGraphType()
    {
        Name = "VersionRepairReport";
        Description = "What the gap repair after a backfill did.";
        Field<NonNullGraphType<IntGraphType>>("gapsFound").Description("Version gaps found in the history.").Resolve(c => c.Source.GapsFound);
        Field<NonNullGraphType<IntGraphType>>("versionsStored").Description("Missing versions fetched from OpenMetadata and stored (origin VERSION_REPAIR).").Resolve(c => c.Source.VersionsStored);
        Field<NonNullGraphType<IntGraphType>>("versionsAlreadyPresent").Description("Versions fetched that an earlier repair had stored.").Resolve(c => c.Source.VersionsAlreadyPresent);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<VersionGapGraphType>>>>("stillMissing")
            .Description("Gaps left, each with why: OpenMetadata no longer has those versions (it wipes them on a hard delete), refused them, or could not be reached.").Resolve(c => c.Source.StillMissing);
        Field<StringGraphType>("error").Description("Why the repair stopped early (OpenMetadata could not be reached); null when it went through.").Resolve(c => c.Source.Error);
    }
}
