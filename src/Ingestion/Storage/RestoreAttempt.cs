namespace HistoryGraph.Ingestion.Storage;

/// One request to bring a deleted entity back in OpenMetadata: who asked and when, the request
/// as sent, and OpenMetadata's answer (or why there was none). Kept whatever the outcome.
public sealed class RestoreAttempt
{
    public long Id { get; set; }
    public Guid EntityId { get; set; }
    public required string EntityType { get; set; }
    public string? Fqn { get; set; }
    public RestoreMethod Method { get; set; }
    /// The version whose snapshot a recreation sent; null for a restore.
    public decimal? Version { get; set; }
    public required string RequestedBy { get; set; }
    public DateTime RequestedAt { get; set; }
    /// `PUT /v1/...` as sent, after OpenMetadata:ApiUrl.
    public required string RequestPath { get; set; }
    public required string RequestBody { get; set; }
    public DateTime? AnsweredAt { get; set; }
    public int? ResponseStatus { get; set; }
    public string? ResponseBody { get; set; }
    public bool Succeeded { get; set; }
    public string? ErrorCode { get; set; }
    public string? ErrorMessage { get; set; }
}
