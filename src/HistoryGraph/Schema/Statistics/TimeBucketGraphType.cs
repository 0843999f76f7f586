using GraphQL.Types;
using HistoryGraph.Statistics;

namespace HistoryGraph.Schema.Statistics;

public sealed class TimeBucketGraphType : EnumerationGraphType<TimeBucket>
{
    public TimeBucketGraphType()
    {
        Name = "TimeBucket";
        Description = "The length of a statistics bucket, on the clock and calendar of the time zone asked for (weeks start on Monday).";
        Values["MINUTE"]!.Description = "A minute.";
        Values["HOUR"]!.Description = "An hour of the zone's clock.";
        Values["DAY"]!.Description = "A day of the zone's calendar, from midnight (23 or 25 hours on a day the clocks change).";
        Values["WEEK"]!.Description = "A week of the zone's calendar, from Monday.";
        Values["MONTH"]!.Description = "A month of the zone's calendar, from its first day.";
    }
}
