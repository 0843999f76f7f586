using GraphQL.Types;
using HistoryGraph.Conventions;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Schema.Events;

namespace HistoryGraph.Schema.Users;

public sealed class UserGraphType : ObjectGraphType<Actor>
{
    public const string TypeName = "User";

    public UserGraphType()
    {
        Name = TypeName;
        Description = "A user or bot that made changes.";
        var fields = UserQueryable.Declaration;
        this.ImplementsNode(TypeName, row => row.Name);
        Field<NonNullGraphType<StringGraphType>>("name").Description(fields["name"].Description).Column(r => r.Name);
        Field<NonNullGraphType<BooleanGraphType>>("isBot").Description(fields["isBot"].Description).Column(r => r.IsBot);
        Field<NonNullGraphType<DateTimeGraphType>>("firstSeenAt").Description(fields["firstSeenAt"].Description).Column(r => r.FirstSeenAt);
        Field<NonNullGraphType<DateTimeGraphType>>("lastSeenAt").Description(fields["lastSeenAt"].Description).Column(r => r.LastSeenAt);
        Field<NonNullGraphType<LongGraphType>>("changeCount").Description(fields["changeCount"].Description).Column(r => r.ChangeCount);
        this.NestedConnection<Actor, ChangeEvent, string, EventsConnectionGraphType, ChangeEventFilterInputGraphType, ChangeEventSortInputGraphType>(
            "changes", "The events this user or bot made, newest first unless `order` says otherwise.", ChangeEventQueryable.Declaration,
            db => db.ChangeEvents, e => e.UserName!, db => db.Actors, a => a.Name);
    }
}
