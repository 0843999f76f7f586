namespace HistoryGraph.Ingestion.Storage;

/// A GraphQL document an admin registered as trusted: requested by its SHA-256 (`documentId:
/// "sha256:<Hash>"`), and, where trusted documents are enforced, the only kind a non-admin
/// caller may run. Documents from files are not stored here (their files are their record).
public sealed class TrustedDocument
{
    /// The SHA-256 of the document's UTF-8 text, 64 lowercase hexadecimal digits.
    public required string Hash { get; set; }
    public required string Document { get; set; }
    /// The names of its operations, comma-separated (for lists and logs).
    public string? OperationNames { get; set; }
    public DateTime RegisteredAt { get; set; }
    public required string RegisteredBy { get; set; }
}
