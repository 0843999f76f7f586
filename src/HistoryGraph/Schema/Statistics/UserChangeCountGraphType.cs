using GraphQL.Types;
using HistoryGraph.Schema.Users;
using HistoryGraph.Statistics;

namespace HistoryGraph.Schema.Statistics;

public sealed class UserChangeCountGraphType : ObjectGraphType<RankedCounts.UserCount>
{
    public UserChangeCountGraphType()
    {
        Name = "UserChangeCount";
        Description = "A user or bot and how many change events they made in the window.";
        Field<NonNullGraphType<StringGraphType>>("name").Description("The user or bot name.").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<LongGraphType>>("count").Description("How many change events.").Resolve(c => c.Source.Count);
        Field<UserGraphType>("user").Description("The user or bot.").Resolve(c => c.Loaders().Users.Load(c.Source.Name));
    }
}
