using GraphQL.Types;
using HistoryGraph.Conventions.Paging;
using HistoryGraph.Conventions.Projections;
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
        this.ImplementsNode(TypeName, row => row.Name);
        this.ColumnsOf(UserQueryable.Declaration);
        this.NestedConnection<Actor, ChangeEvent, string>(
            "changes", "The events this user or bot made, newest first unless `order` says otherwise.", ChangeEventQueryable.Declaration,
            db => db.ChangeEvents, e => e.UserName!, db => db.Actors, a => a.Name);
    }
}
