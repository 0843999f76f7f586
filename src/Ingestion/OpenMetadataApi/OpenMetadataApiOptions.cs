namespace HistoryGraph.Ingestion.OpenMetadataApi;

/// How HistoryGraph calls OpenMetadata's REST API (section "OpenMetadata", beside the webhook settings).
public sealed class OpenMetadataApiOptions
{
    public const string Section = "OpenMetadata";

    /// The API's base, e.g. http://om:8585/api (paths such as /v1/tables follow it). Empty: no calls are made.
    public string ApiUrl { get; set; } = "";

    /// A bot's JWT, sent as `Authorization: Bearer`.
    public string BotToken { get; set; } = "";

    /// Time one attempt may take.
    public double RequestTimeoutSeconds { get; set; } = 15;

    /// Retries after a 429, a 5xx, a 408, a timeout or a connection failure, with exponential
    /// backoff from RetryDelaySeconds, or after the `Retry-After` OpenMetadata asks for.
    public int MaxRetries { get; set; } = 4;

    public double RetryDelaySeconds { get; set; } = 1;

    /// Time a call may take with all its retries.
    public double TotalTimeoutSeconds { get; set; } = 120;
}
