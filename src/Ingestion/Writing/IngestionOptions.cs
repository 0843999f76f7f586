namespace HistoryGraph.Ingestion.Writing;

public sealed class IngestionOptions
{
    public const string Section = "Ingestion";

    /// Deliveries waiting for the writer; senders wait when it is full.
    public int QueueCapacity { get; set; } = 4096;

    /// Events committed together in one transaction at most (a larger single batch is still
    /// committed whole: one transaction per delivery).
    public int MaxGroupEvents { get; set; } = 512;

    /// How long a delivery keeps retrying while the database is unreachable before it is
    /// answered 503. OpenMetadata gives up reading after about 12 s and does not resend.
    public double UnavailableRetrySeconds { get; set; } = 5;

    /// User names that are bots besides those ending in "-bot" and users marked isBot.
    public List<string> BotUsers { get; set; } = [];
}
