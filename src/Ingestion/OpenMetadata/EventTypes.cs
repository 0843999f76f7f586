namespace HistoryGraph.Ingestion.OpenMetadata;

/// The eventType values that describe an entity's life. Every other type (threads, tasks,
/// logins, future ones) is stored as an event but does not touch entity state.
public static class EventTypes
{
    public const string EntityCreated = "entityCreated";
    public const string EntityUpdated = "entityUpdated";
    public const string EntityFieldsChanged = "entityFieldsChanged";
    public const string EntityNoChange = "entityNoChange";
    public const string EntitySoftDeleted = "entitySoftDeleted";
    public const string EntityDeleted = "entityDeleted";
    public const string EntityRestored = "entityRestored";

    private static readonly HashSet<string> Lifecycle =
    [
        EntityCreated, EntityUpdated, EntityFieldsChanged, EntityNoChange,
        EntitySoftDeleted, EntityDeleted, EntityRestored,
    ];

    public static bool TouchesEntity(string eventType) => Lifecycle.Contains(eventType);
}
