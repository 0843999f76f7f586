using GraphQL.Types;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Completeness;

public sealed class ReconciledWindowGraphType : ObjectGraphType<ReconciledWindow>
{
    public ReconciledWindowGraphType()
    {
        Name = "ReconciledWindow";
        Description = "A window of time checked against OpenMetadata: what it had, what was missing here and stored, and what could not be.";
        Field<NonNullGraphType<DateTimeGraphType>>("from").Description("The window's start.").Resolve(c => c.Source.From);
        Field<NonNullGraphType<DateTimeGraphType>>("to").Description("The window's end (not included).").Resolve(c => c.Source.To);
        Field<NonNullGraphType<DateTimeGraphType>>("checkedAt").Description("When it was (last) checked.").Resolve(c => c.Source.CheckedAt);
        Field<NonNullGraphType<IntGraphType>>("eventsSeen").Description("Events OpenMetadata's log holds for the window.").Resolve(c => c.Source.EventsSeen);
        Field<NonNullGraphType<IntGraphType>>("eventsStored").Description("Of those, the ones the history lacked, now stored (origin BACKFILL).").Resolve(c => c.Source.EventsStored);
        Field<NonNullGraphType<IntGraphType>>("versionsSeen")
            .Description("Entity versions OpenMetadata listed for the window (`versionsListed`), else those made in the window as the history now holds them.").Resolve(c => c.Source.VersionsSeen);
        Field<NonNullGraphType<BooleanGraphType>>("versionsListed")
            .Description("OpenMetadata's history endpoint (newer releases) listed the window's versions, so versions saved without an event were found; otherwise only gaps between stored versions show them.")
            .Resolve(c => c.Source.VersionsListed);
        Field<NonNullGraphType<IntGraphType>>("versionsStored").Description("Missing versions fetched from OpenMetadata and stored (origin VERSION_REPAIR).").Resolve(c => c.Source.VersionsStored);
        Field<NonNullGraphType<IntGraphType>>("stillMissing").Description("Versions still missing after the check (`completeness.missing` lists them).").Resolve(c => c.Source.StillMissing);
        Field<NonNullGraphType<IntGraphType>>("webhookEvents").Description("Events of the window the webhook delivered.").Resolve(c => c.Source.WebhookEvents);
        Field<NonNullGraphType<BooleanGraphType>>("silent").Description("OpenMetadata's log has events for the window but no webhook delivered any: its alert may be disabled or failing.").Resolve(c => c.Source.Silent);
        Field<StringGraphType>("error").Description("Why the check stopped; the window is checked again.").Resolve(c => c.Source.Error);
        Field<NonNullGraphType<BooleanGraphType>>("complete").Description("Checked through, with nothing left missing when it was checked.").Resolve(c => c.Source.Error == null && c.Source.StillMissing == 0);
    }
}
