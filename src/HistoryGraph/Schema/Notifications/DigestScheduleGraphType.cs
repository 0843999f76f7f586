using GraphQL.Types;
using HistoryGraph.Ingestion.Notifications;

namespace HistoryGraph.Schema.Notifications;

public sealed class DigestScheduleGraphType : ObjectGraphType<DigestSchedule>
{
    public DigestScheduleGraphType()
    {
        Name = "DigestSchedule";
        Description = "When a target gets a digest.";
        Field<NonNullGraphType<DigestPeriodGraphType>>("period").Description("DAILY or WEEKLY: the day or the seven days that end when the schedule fires.").Resolve(c => c.Source.Period);
        Field<NonNullGraphType<StringGraphType>>("cron").Description("A cron expression (five fields, or six with seconds first) read in the target's time zone.").Resolve(c => c.Source.Cron);
        Field<NonNullGraphType<BooleanGraphType>>("sendWhenEmpty").Description("Whether a period without changes is reported too.").Resolve(c => c.Source.SendWhenEmpty);
    }
}
