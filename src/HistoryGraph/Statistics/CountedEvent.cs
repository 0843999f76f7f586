using HistoryGraph.Ingestion.Statistics;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Live;

namespace HistoryGraph.Statistics;

/// One event as change statistics count it: its instant and its value of every dimension it
/// can be grouped by. Read from the store by `changeStats` and from the feed by its subscription,
/// so that both count an event under the same keys.
public sealed record CountedEvent(DateTime Timestamp, string EventType, string EntityType, string? UserName, SemanticChange SemanticChange,
    string? Service, bool IsBot, string? ImpersonatedBy, IEnumerable<string> Categories)
{
    /// The event as the feed holds it: the service of its entity and the bot flag of its user as read with it.
    public static CountedEvent Of(LiveEvent e) => new(DateTime.SpecifyKind(e.Event.Timestamp, DateTimeKind.Utc), e.Event.EventType, e.Event.EntityType,
        e.Event.UserName, e.Event.SemanticChange, e.Entity?.Service, e.User?.IsBot ?? false, e.Event.ImpersonatedBy,
        e.FieldChanges.Select(f => ChangeCounting.CategoryKey(f.Category)).Distinct());

    /// Its key under one dimension; several for categories (an event that changed several counts once under each).
    public IEnumerable<string?> KeysOf(ChangeStatsGroup group) => group switch
    {
        ChangeStatsGroup.EventType => [EventType],
        ChangeStatsGroup.EntityType => new[] { EntityType },
        ChangeStatsGroup.User => new[] { UserName },
        ChangeStatsGroup.Service => new[] { Service },
        ChangeStatsGroup.SemanticChange => new[] { ChangeCounting.SemanticKey(SemanticChange) },
        ChangeStatsGroup.IsBot => new[] { ChangeCounting.BotKey(IsBot) },
        ChangeStatsGroup.ActorKind => new[] { ChangeCounting.ActorKindKey(ChangeCounting.ActorKindOf(UserName, IsBot, ImpersonatedBy)) },
        _ => (IEnumerable<string?>)Categories,
    };
}
