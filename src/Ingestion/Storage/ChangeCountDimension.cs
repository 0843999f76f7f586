namespace HistoryGraph.Ingestion.Storage;

/// What a change count is counted by: all events (Total), or one value of one property of the
/// event. An event counts once per dimension, and once per distinct category of its field
/// changes.
public enum ChangeCountDimension
{
    Total,
    EventType,
    EntityType,
    Category,
    User,
    Service,
    SemanticChange,
    IsBot,
    /// Who made the change: a person, a bot, or an agent acting for a person (ActorKind).
    ActorKind,
}
