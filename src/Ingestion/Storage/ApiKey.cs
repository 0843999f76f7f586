namespace HistoryGraph.Ingestion.Storage;

/// An API key, presented as `hg_<Id>_<secret>`. Only the SHA-256 of the whole key is kept, so
/// the store alone cannot give a key away; the id is public, so that logs and the key list can
/// name a key without revealing it.
public sealed class ApiKey
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public AccessRole Role { get; set; }
    public required byte[] SecretHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    /// Written at most once a minute per key, so that a busy key costs no write per request.
    public DateTime? LastUsedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    /// The key that replaced this one when it was rotated (this one then expires after the overlap).
    public string? RotatedTo { get; set; }
}
