using GraphQL.Types;
using HistoryGraph.Conventions.Extending;
using HistoryGraph.Conventions.Paging;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Events;

/// `User.changes`, and `User.changesOnBehalf`: what agents did for this person.
public sealed class ChangesOfUser : IObjectTypeExtension<Actor>
{
    public void Extend(ObjectGraphType<Actor> type)
    {
        type.NestedConnection<Actor, ChangeEvent, string>(
            "changes", "The events this user or bot made, newest first unless `order` says otherwise.", ChangeEventQueryable.Declaration,
            db => db.ChangeEvents, e => e.UserName!, db => db.Actors, a => a.Name);
        type.NestedConnection<Actor, ChangeEvent, string>(
            "changesOnBehalf", "The events agents (AI agents, bots) made on this person's behalf (their `impersonatedBy` names them), newest first unless `order` says otherwise.",
            ChangeEventQueryable.Declaration, db => db.ChangeEvents.Where(e => e.ImpersonatedBy != null), e => e.ImpersonatedBy!, db => db.Actors, a => a.Name);
    }
}
