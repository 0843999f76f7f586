namespace HistoryGraph.Ingestion.OpenMetadataApi;

/// How HistoryGraph calls OpenMetadata's REST API (section "OpenMetadata", beside the webhook settings).
public sealed class OpenMetadataApiOptions
{
    public const string Section = "OpenMetadata";

    /// The API's base, e.g. http://om:8585/api (paths such as /v1/tables follow it). Empty: no calls are made.
    public string ApiUrl { get; set; } = "";

    /// A bot's JWT, sent as `Authorization: Bearer`.
    public string BotToken { get; set; } = "";

    /// Time one attempt may take; its answer's body must also arrive within it once the headers
    /// have (an answer trickling in is cut off, not waited for).
    public double RequestTimeoutSeconds { get; set; } = 15;

    /// Larger answers are refused (OPENMETADATA_ANSWER_TOO_LARGE) without being read whole.
    public long MaxResponseBytes { get; set; } = 64 * 1024 * 1024;

    /// Events asked for per page of `/v1/events` (1 to 1000) where OpenMetadata pages its log.
    public int EventPageSize { get; set; } = 500;

    /// Retries after a 429, a 5xx, a 408, a timeout or a connection failure, with exponential
    /// backoff from RetryDelaySeconds, or after the `Retry-After` OpenMetadata asks for.
    public int MaxRetries { get; set; } = 4;

    public double RetryDelaySeconds { get; set; } = 1;

    /// Time a call may take with all its retries.
    public double TotalTimeoutSeconds { get; set; } = 120;
}
