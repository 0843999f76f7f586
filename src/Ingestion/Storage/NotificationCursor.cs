namespace HistoryGraph.Ingestion.Storage;

/// How far the notification dispatcher has turned events into deliveries: one row, locked by
/// the instance dispatching, so that instances take turns and no event is dispatched twice.
public sealed class NotificationCursor
{
    public const int SingletonId = 1;

    public int Id { get; set; }
    public long Position { get; set; }
}
