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

    /// The types that describe an entity's life.
    public static IReadOnlySet<string> EntityEventTypes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        EntityCreated, EntityUpdated, EntityFieldsChanged, EntityNoChange,
        EntitySoftDeleted, EntityDeleted, EntityRestored,
    };

    public static bool TouchesEntity(string eventType) => EntityEventTypes.Contains(eventType);
}
