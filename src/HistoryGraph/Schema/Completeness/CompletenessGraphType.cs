using GraphQL.Types;
using HistoryGraph.Completeness;

namespace HistoryGraph.Schema.Completeness;

public sealed class CompletenessGraphType : ObjectGraphType<CompletenessReport>
{
    public CompletenessGraphType()
    {
        Name = "Completeness";
        Description = "How complete the history is over a range, as the reconciler checked it against OpenMetadata.";
        Field<NonNullGraphType<DateTimeGraphType>>("from").Description("The range's start.").Resolve(c => c.Source.From);
        Field<NonNullGraphType<DateTimeGraphType>>("to").Description("The range's end.").Resolve(c => c.Source.To);
        Field<DateTimeGraphType>("verifiedFrom").Description("Where the first window ever checked starts; null before any check.").Resolve(c => c.Source.VerifiedFrom);
        Field<DateTimeGraphType>("verifiedUntil")
            .Description("The history is verified complete from `verifiedFrom` up to this time: every window before it was checked, in a row, without an error or a gap left open.")
            .Resolve(c => c.Source.VerifiedUntil);
        Field<NonNullGraphType<IntGraphType>>("windowsChecked").Description("Windows checked in the range.").Resolve(c => c.Source.WindowsChecked);
        Field<NonNullGraphType<IntGraphType>>("eventsSeen").Description("Events OpenMetadata's log held for those windows.").Resolve(c => c.Source.EventsSeen);
        Field<NonNullGraphType<IntGraphType>>("eventsStored").Description("Events that were missing and were stored (origin BACKFILL).").Resolve(c => c.Source.EventsStored);
        Field<NonNullGraphType<IntGraphType>>("versionsStored").Description("Versions that were missing and were stored (origin VERSION_REPAIR).").Resolve(c => c.Source.VersionsStored);
        Field<NonNullGraphType<IntGraphType>>("webhookEvents").Description("Events of those windows the webhook delivered.").Resolve(c => c.Source.WebhookEvents);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReconciledWindowGraphType>>>>("windows")
            .Description($"The windows checked in the range, oldest first (at most {CompletenessReport.MaxWindowsListed}).").Resolve(c => c.Source.Windows);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<KnownGapGraphType>>>>("missing")
            .Description("The versions still missing that checks of those windows found, with why.").Resolve(c => c.Source.Missing);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReconciledWindowGraphType>>>>("silentWindows")
            .Description("Windows whose events OpenMetadata's log holds but no webhook delivered: the alert sending them here may be disabled or failing.").Resolve(c => c.Source.SilentWindows);
    }
}
