using System.Text.Json;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using HistoryGraph.Conventions;
using HistoryGraph.Schema.Events;

namespace HistoryGraph.Schema.Statistics;

/// What cuts and counts change statistics, as the `changeStats` query and subscription take it:
/// the bucket, the time zone of its calendar, the events counted and the groups.
public sealed record ChangeStatsArguments(TimeBucket Bucket, TimeZoneInfo Zone, IDictionary<string, object?>? Where, IReadOnlyList<ChangeStatsGroup> GroupBy)
{
    /// The same for equal arguments: live subscriptions that share it share one count.
    public string Key { get; } = string.Join('\n', Bucket, Zone.Id, string.Join(',', GroupBy), Where is null ? "" : JsonSerializer.Serialize(Where));

    /// The arguments on a field, declared once for the query and the subscription.
    public static FieldBuilder<TSource, TReturn> Declare<TSource, TReturn>(FieldBuilder<TSource, TReturn> field) => field
        .Argument<NonNullGraphType<TimeBucketGraphType>>("bucket", "The length of a bucket.")
        .Argument<StringGraphType>("timeZone", "The IANA time zone whose clock and calendar cut the buckets.", a => a.DefaultValue = "UTC")
        .Argument<ChangeEventFilterInputGraphType>("where", "Count only the events that match, as the `events` query filters them.")
        .Argument<ListGraphType<NonNullGraphType<ChangeStatsGroupGraphType>>>("groupBy", "Count each bucket's events by these, together (a group per combination of values).");

    public static ChangeStatsArguments Of(IResolveFieldContext context)
    {
        var groupBy = context.GetArgument<List<ChangeStatsGroup>?>("groupBy") ?? [];
        if (groupBy.Distinct().Count() != groupBy.Count)
            throw new ExecutionError("Name each group once.") { Code = "INVALID_ARGUMENT" };
        return new ChangeStatsArguments(context.GetArgument<TimeBucket>("bucket"), StatsBuckets.Zone(context.GetArgument<string?>("timeZone") ?? "UTC"),
            context.GetFilter(), groupBy);
    }
}
