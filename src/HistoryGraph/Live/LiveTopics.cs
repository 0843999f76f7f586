using System.Linq.Expressions;
using HistoryGraph.Conventions.Declarations;
using HistoryGraph.Conventions.Filtering;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Schema.Deletions;
using HistoryGraph.Schema.Events;

namespace HistoryGraph.Live;

/// The topics of the subscription fields, built from the same filter declarations as the
/// queries: a `where:` means the same thing live (compiled, in memory) and in a replay (SQL).
public static class LiveTopics
{
    public static LiveTopic Changes(IDictionary<string, object?>? where)
    {
        var matches = InMemory(ChangeEventQueryable.Declaration, where);
        return new LiveTopic(
            e => matches(e.Event, e) ? e.Event : null,
            db => FilterExpressions.Build(ChangeEventQueryable.Declaration, where, db.Tables()) is { } filter ? db.ChangeEvents.Where(filter) : db.ChangeEvents);
    }

    /// Events about one entity, found by id, by fully qualified name, or by either.
    public static LiveTopic EntityChanged(Guid? entityId, string? fqn) => new(
        e => (entityId is { } id && e.Event.EntityId == id) || (fqn is not null && e.Event.EntityFqn == fqn) ? e.Event : null,
        db => db.ChangeEvents.Where(e => (entityId != null && e.EntityId == entityId) || (fqn != null && e.EntityFqn == fqn)));

    public static LiveTopic Deletions(IDictionary<string, object?>? where)
    {
        var matches = InMemory(DeletionQueryable.Declaration, where);
        return new LiveTopic(
            e => e.Deletion is { } deletion && matches(deletion, e) ? deletion : null,
            db =>
            {
                var deletions = FilterExpressions.Build(DeletionQueryable.Declaration, where, db.Tables()) is { } filter ? db.Deletions.Where(filter) : db.Deletions;
                return db.ChangeEvents.Where(e => deletions.Any(d => d.EventSequence == e.Sequence));
            });
    }

    /// The filter compiled to a delegate; nested filters look at the event's entity, user and
    /// field changes as the feed read them.
    private static Func<TRow, LiveEvent, bool> InMemory<TRow>(QueryableType<TRow> declaration, IDictionary<string, object?>? where)
    {
        var live = Expression.Parameter(typeof(LiveEvent), "live");
        var predicate = FilterExpressions.Build(declaration, where, type => Expression.Property(live, type switch
        {
            _ when type == typeof(TrackedEntity) => nameof(LiveEvent.Entities),
            _ when type == typeof(Actor) => nameof(LiveEvent.Users),
            _ when type == typeof(FieldChange) => nameof(LiveEvent.FieldChanges),
            _ when type == typeof(ChangeEvent) => nameof(LiveEvent.Events),
            _ => throw new InvalidOperationException($"No live rows of {type.Name} to filter on."),
        }));
        if (predicate is null)
            return (_, _) => true;
        return Expression.Lambda<Func<TRow, LiveEvent, bool>>(predicate.Body, predicate.Parameters[0], live).Compile();
    }
}
