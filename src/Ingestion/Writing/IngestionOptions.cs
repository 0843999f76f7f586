namespace HistoryGraph.Ingestion.Writing;

public sealed class IngestionOptions
{
    public const string Section = "Ingestion";

    /// Deliveries waiting for the writer; senders wait when it is full.
    public int QueueCapacity { get; set; } = 4096;

    /// Events committed together in one transaction at most (a larger single batch is still
    /// committed whole: one transaction per delivery).
    public int MaxGroupEvents { get; set; } = 512;

    /// Body bytes committed together in one transaction at most (a larger delivery alone).
    public long MaxGroupBytes { get; set; } = 4 * 1024 * 1024;

    /// A delivery at least this large (or with more events than MaxGroupEvents) is large: it
    /// waits in a lane of its own and is written only while no small delivery is waiting.
    public long LargeDeliveryBytes { get; set; } = 256 * 1024;

    /// Large deliveries (or pieces of large batches) waiting for the writer; senders wait when
    /// it is full.
    public int LargeQueueCapacity { get; set; } = 8;

    /// How long a delivery keeps retrying while the database is unreachable before it is
    /// answered 503. OpenMetadata gives up reading after about 12 s and does not resend.
    public double UnavailableRetrySeconds { get; set; } = 5;

    /// User names that are bots besides those ending in "-bot" and users marked isBot.
    public List<string> BotUsers { get; set; } = [];
}
