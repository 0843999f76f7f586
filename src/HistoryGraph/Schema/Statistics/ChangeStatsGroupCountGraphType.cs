using GraphQL.Types;
using HistoryGraph.Statistics;

namespace HistoryGraph.Schema.Statistics;

public sealed class ChangeStatsGroupCountGraphType : ObjectGraphType<ChangeStatsGroupCount>
{
    public ChangeStatsGroupCountGraphType()
    {
        Name = "ChangeStatsGroupCount";
        Description = "The events of a bucket with one value of each dimension grouped by.";
        Field<StringGraphType>("key").Description("The value (null for none); with several dimensions, their values joined by \" / \".").Resolve(c => c.Source.Key);
        Field<NonNullGraphType<ListGraphType<StringGraphType>>>("keys").Description("One value per dimension grouped by, in the order asked for (null for none).").Resolve(c => c.Source.Keys);
        Field<NonNullGraphType<LongGraphType>>("count").Description("How many events.").Resolve(c => c.Source.Count);
    }
}
