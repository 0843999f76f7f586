namespace HistoryGraph.Ingestion.OpenMetadataApi;

/// A call to OpenMetadata that did not succeed: Code is OPENMETADATA_UNREACHABLE (no answer:
/// connection refused, timeouts, retries used up), OPENMETADATA_REFUSED (an error status, with
/// OpenMetadata's own message), OPENMETADATA_NOT_CONFIGURED or UNSUPPORTED_ENTITY_TYPE.
public sealed class OpenMetadataException(string code, string message, int? status = null, Exception? inner = null) : Exception(message, inner)
{
    public const string Unreachable = "OPENMETADATA_UNREACHABLE";
    public const string Refused = "OPENMETADATA_REFUSED";

    public string Code { get; } = code;

    /// OpenMetadata's HTTP status, for OPENMETADATA_REFUSED.
    public int? Status { get; } = status;
}
