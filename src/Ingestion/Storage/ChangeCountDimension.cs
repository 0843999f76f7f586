namespace HistoryGraph.Ingestion.Storage;

/// What a change count is counted by: all events (Total), or one value of one property of the
/// event. An event counts once per dimension, and once per distinct category of its field
/// changes. Users and services are not counted in the rollup: their many values would make it
/// as large as the events it summarises (statistics by them count the events themselves).
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
}
