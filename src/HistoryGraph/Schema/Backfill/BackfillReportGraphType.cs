using GraphQL.Types;
using HistoryGraph.Backfill;

namespace HistoryGraph.Schema.Backfill;

public sealed class BackfillReportGraphType : ObjectGraphType<BackfillReport>
{
    public BackfillReportGraphType()
    {
        Name = "BackfillReport";
        Description = "What a backfill read from OpenMetadata's event log and stored, and the version repair that followed.";
        Field<NonNullGraphType<DateTimeGraphType>>("since").Description("The window's start.").Resolve(c => c.Source.Since);
        Field<DateTimeGraphType>("until").Description("The window's end; null: up to now.").Resolve(c => c.Source.Until);
        Field<NonNullGraphType<DateTimeGraphType>>("startedAt").Description("When the backfill started.").Resolve(c => c.Source.StartedAt);
        Field<NonNullGraphType<DateTimeGraphType>>("finishedAt").Description("When it ended, the version repair included.").Resolve(c => c.Source.FinishedAt);
        Field<NonNullGraphType<IntGraphType>>("pages").Description("Answers of `/v1/events` read.").Resolve(c => c.Source.Pages);
        Field<NonNullGraphType<IntGraphType>>("read").Description("Events of the window in OpenMetadata's log, each counted once.").Resolve(c => c.Source.Read);
        Field<NonNullGraphType<IntGraphType>>("stored").Description("Events that were missing here and are now stored (origin BACKFILL).").Resolve(c => c.Source.Stored);
        Field<NonNullGraphType<IntGraphType>>("alreadyPresent").Description("Events the history already had (left unchanged).").Resolve(c => c.Source.AlreadyPresent);
        Field<NonNullGraphType<IntGraphType>>("rejected").Description("Items of the log that are not readable change events, kept verbatim as rejected deliveries.").Resolve(c => c.Source.Rejected);
        Field<NonNullGraphType<IntGraphType>>("outsideWindow").Description("Events after `until` that the log returned too (not stored).").Resolve(c => c.Source.OutsideWindow);
        Field<NonNullGraphType<VersionRepairReportGraphType>>("versions").Description("The version gap repair that followed.").Resolve(c => c.Source.Versions);
    }
}
