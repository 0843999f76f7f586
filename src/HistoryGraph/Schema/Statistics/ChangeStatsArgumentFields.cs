using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using HistoryGraph.Conventions.Filtering;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Statistics;

namespace HistoryGraph.Schema.Statistics;

/// The arguments of `changeStats`, declared once for the query and the subscription.
public static class ChangeStatsArgumentFields
{
    public static FieldBuilder<TSource, TReturn> Declare<TSource, TReturn>(FieldBuilder<TSource, TReturn> field) => field
        .Argument<NonNullGraphType<TimeBucketGraphType>>("bucket", "The length of a bucket.")
        .Argument<StringGraphType>("timeZone", "The IANA time zone whose clock and calendar cut the buckets.", a => a.DefaultValue = "UTC")
        .Argument<FilterInputGraphType<ChangeEvent>>("where", "Count only the events that match, as the `events` query filters them.")
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
