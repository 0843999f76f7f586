using GraphQL.Types;
using HistoryGraph.Conventions.Extending;
using HistoryGraph.Conventions.Paging;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Events;

/// `User.changes`, and the changes made through an agent: `changesOnBehalf` (an agent acted
/// for this person) and `changesAsAgent` (this bot or agent acted for someone).
public sealed class ChangesOfUser : IObjectTypeExtension<Actor>
{
    public void Extend(ObjectGraphType<Actor> type)
    {
        type.NestedConnection<Actor, ChangeEvent, string>(
            "changes", "The events made by or for this user (their `userName` names them, whether they acted themselves or an agent acted for them), newest first unless `order` says otherwise.",
            ChangeEventQueryable.Declaration, db => db.ChangeEvents, e => e.UserName!, db => db.Actors, a => a.Name);
        type.NestedConnection<Actor, ChangeEvent, string>(
            "changesOnBehalf", "The events a bot or AI agent made on this person's behalf: theirs by `userName`, with the agent as `impersonatedBy`. Newest first unless `order` says otherwise.",
            ChangeEventQueryable.Declaration, db => db.ChangeEvents.Where(e => e.ImpersonatedBy != null), e => e.UserName!, db => db.Actors, a => a.Name);
        type.NestedConnection<Actor, ChangeEvent, string>(
            "changesAsAgent", "The events this bot or AI agent made on someone's behalf (their `impersonatedBy` names it; their `userName` is the person). Newest first unless `order` says otherwise.",
            ChangeEventQueryable.Declaration, db => db.ChangeEvents.Where(e => e.ImpersonatedBy != null), e => e.ImpersonatedBy!, db => db.Actors, a => a.Name);
    }
}
