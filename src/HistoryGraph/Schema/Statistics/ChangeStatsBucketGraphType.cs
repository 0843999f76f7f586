using GraphQL.Types;
using HistoryGraph.Statistics;

namespace HistoryGraph.Schema.Statistics;

public sealed class ChangeStatsBucketGraphType : ObjectGraphType<ChangeStatsBucket>
{
    public ChangeStatsBucketGraphType()
    {
        Name = "ChangeStatsBucket";
        Description = "The change events of one time bucket.";
        Field<NonNullGraphType<DateTimeGraphType>>("start").Description("Where the bucket starts (inclusive), in UTC; the first bucket starts no earlier than `from`.").Resolve(c => c.Source.Start);
        Field<NonNullGraphType<DateTimeGraphType>>("end").Description("Where the bucket ends (exclusive), in UTC; the last bucket ends no later than `to`.").Resolve(c => c.Source.End);
        Field<NonNullGraphType<LongGraphType>>("count").Description("How many change events the bucket holds.").Resolve(c => c.Source.Count);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ChangeStatsGroupCountGraphType>>>>("groups").Description("The bucket's events counted by the groups asked for, largest first; empty without `groupBy`.").Resolve(c => c.Source.Groups);
        Field<LongGraphType>("sequence").Description("On a live update, the sequence of the last event counted in the bucket: give the last one received as `after:` to resume. Null in query results.").Resolve(c => c.Source.Sequence);
    }
}
