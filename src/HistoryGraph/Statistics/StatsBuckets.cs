using GraphQL;

namespace HistoryGraph.Statistics;

/// The buckets between two instants on a time zone's clock and calendar: minutes and hours
/// step in UTC from a start on the zone's clock (so that a day with a clock change has 23 or 25
/// hours), days, weeks (from Monday) and months step on the zone's calendar. The first and
/// last buckets are cut to `from` and `to`.
public static class StatsBuckets
{
    public const int MaxBuckets = 10_000;

    public static IReadOnlyList<(DateTime Start, DateTime End)> Between(DateTime from, DateTime to, TimeBucket bucket, TimeZoneInfo zone)
    {
        if (from >= to)
            throw new ExecutionError("`from` must be before `to`.") { Code = "INVALID_ARGUMENT" };
        var buckets = new List<(DateTime, DateTime)>();
        for (var start = Floor(from, bucket, zone); start < to;)
        {
            var next = Next(start, bucket, zone);
            buckets.Add((start < from ? from : start, next > to ? to : next));
            if (buckets.Count > MaxBuckets)
                throw new ExecutionError($"More than {MaxBuckets} buckets: ask for a shorter range or a longer bucket.") { Code = "TOO_MANY_BUCKETS" };
            start = next;
        }
        return buckets;
    }

    /// The whole bucket an instant falls in.
    public static (DateTime Start, DateTime End) Containing(DateTime utc, TimeBucket bucket, TimeZoneInfo zone)
    {
        var start = Floor(utc, bucket, zone);
        return (start, Next(start, bucket, zone));
    }

    private static DateTime Floor(DateTime utc, TimeBucket bucket, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(utc, zone);
        return bucket switch
        {
            TimeBucket.Minute => utc.AddTicks(-(local.Ticks % TimeSpan.TicksPerMinute)),
            TimeBucket.Hour => utc.AddTicks(-(local.Ticks % TimeSpan.TicksPerHour)),
            TimeBucket.Day => ToUtc(local.Date, zone),
            TimeBucket.Week => ToUtc(local.Date.AddDays(-(((int)local.DayOfWeek + 6) % 7)), zone),
            _ => ToUtc(new DateTime(local.Year, local.Month, 1), zone),
        };
    }

    private static DateTime Next(DateTime startUtc, TimeBucket bucket, TimeZoneInfo zone)
    {
        if (bucket is TimeBucket.Minute or TimeBucket.Hour)
            return startUtc + (bucket == TimeBucket.Minute ? TimeSpan.FromMinutes(1) : TimeSpan.FromHours(1));
        var local = TimeZoneInfo.ConvertTimeFromUtc(startUtc, zone).Date;
        return ToUtc(bucket switch
        {
            TimeBucket.Day => local.AddDays(1),
            TimeBucket.Week => local.AddDays(7),
            _ => new DateTime(local.Year, local.Month, 1).AddMonths(1),
        }, zone);
    }

    /// A local midnight as UTC; where the clock skips midnight, the first moment of the day that exists.
    private static DateTime ToUtc(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(unspecified))
            unspecified = unspecified.AddMinutes(15);
        return TimeZoneInfo.ConvertTimeToUtc(unspecified, zone);
    }

    public static TimeZoneInfo Zone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new ExecutionError($"Unknown time zone '{id}': give an IANA name such as Europe/Berlin, or UTC.") { Code = "INVALID_TIME_ZONE" };
        }
    }
}
