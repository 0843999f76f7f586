using GraphQL.Types;
using HistoryGraph.Conventions.Extending;
using HistoryGraph.Conventions.Paging;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Events;

/// `User.changes`.
public sealed class ChangesOfUser : IObjectTypeExtension<Actor>
{
    public void Extend(ObjectGraphType<Actor> type)
    {
        type.NestedConnection<Actor, ChangeEvent, string>(
            "changes", "The events this user or bot made, newest first unless `order` says otherwise.", ChangeEventQueryable.Declaration,
            db => db.ChangeEvents, e => e.UserName!, db => db.Actors, a => a.Name);
    }
}
