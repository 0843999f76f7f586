using GraphQL.Types;

namespace HistoryGraph.Schema.Notifications;

public sealed class DigestScheduleInputGraphType : InputObjectGraphType
{
    public DigestScheduleInputGraphType()
    {
        Name = "DigestScheduleInput";
        Description = "A digest for a target: daily or weekly, when, and whether empty periods are reported.";
        Field<NonNullGraphType<DigestPeriodGraphType>>("period").Description("DAILY or WEEKLY (CUSTOM is for `sendDigest` only).");
        Field<StringGraphType>("cron").Description("When it is sent, in the target's time zone: five fields, or six with seconds first. Default: `0 9 * * *` (DAILY) or `0 9 * * MON` (WEEKLY).");
        Field<BooleanGraphType>("sendWhenEmpty").Description("Report a period without changes too. Default: false.");
    }
}
